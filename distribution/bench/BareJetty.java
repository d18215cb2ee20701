import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The yardstick of the throughput benchmark: a bare embedded Jetty 12 (same version as Felix
 * HTTP's) answering every request with the bytes given on the command line, as JSON, and with
 * the response headers listed in a file ("Name: value" lines), so that both send the same bytes.
 * Usage: java -cp <jetty jars> BareJetty.java <port> <body> [<headers file>]
 */
public class BareJetty {
  public static void main(String[] args) throws Exception {
    byte[] body = args[1].getBytes(StandardCharsets.UTF_8);
    java.util.List<String[]> headers = new java.util.ArrayList<>();
    if (args.length > 2) {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[2]))) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
        }
      }
    }
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(Integer.parseInt(args[0]));
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(200);
        for (String[] header : headers) {
          response.getHeaders().add(header[0], header[1]);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
      }
    });
    server.start();
    System.out.println("bare jetty on " + args[0]);
    server.join();
  }
}
