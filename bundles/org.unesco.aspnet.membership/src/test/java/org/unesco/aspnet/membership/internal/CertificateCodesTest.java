package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The QR code of a certificate reads back as the address of its check, drawn from the SVG's own path. */
class CertificateCodesTest {
  private static final String ADDRESS = "https://aspnet.example.org/certificates/ASPNET-FR-2026-000123";

  @Test
  void theSvgsModulesDecodeToTheCheckingAddress() throws Exception {
    String svg = CertificateCodes.svg(ADDRESS, "Check <certificate> & more");
    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
    assertTrue(svg.contains("<title>Check &lt;certificate&gt; &amp; more</title>"));
    Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
    assertTrue(box.find());
    int size = Integer.parseInt(box.group(1));
    BitMatrix expected = CertificateCodes.matrix(ADDRESS);
    assertEquals(expected.getWidth(), size);
    // paint the path's runs back into pixels, 4 per module, and let ZXing's reader decode them
    int scale = 4;
    int[] pixels = new int[size * scale * size * scale];
    java.util.Arrays.fill(pixels, 0xFFFFFFFF);
    Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z").matcher(svg);
    int runs = 0;
    while (run.find()) {
      runs++;
      int x0 = Integer.parseInt(run.group(1));
      int y = Integer.parseInt(run.group(2));
      int length = Integer.parseInt(run.group(3));
      for (int x = x0; x < x0 + length; x++) {
        assertTrue(expected.get(x, y), "module " + x + "," + y + " is dark");
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            pixels[(y * scale + dy) * size * scale + x * scale + dx] = 0xFF000000;
          }
        }
      }
    }
    assertTrue(runs > 50);
    String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(size * scale, size * scale, pixels)))).getText();
    assertEquals(ADDRESS, decoded);
  }

  @Test
  void theQuietZoneIsFourModulesOfWhite() {
    BitMatrix m = CertificateCodes.matrix(ADDRESS);
    for (int i = 0; i < m.getWidth(); i++) {
      for (int edge = 0; edge < CertificateCodes.MARGIN; edge++) {
        assertTrue(!m.get(i, edge) && !m.get(edge, i) && !m.get(i, m.getHeight() - 1 - edge), "white at " + i + "," + edge);
      }
    }
  }
}
