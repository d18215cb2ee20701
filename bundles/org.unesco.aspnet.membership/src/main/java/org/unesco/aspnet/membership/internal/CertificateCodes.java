package org.unesco.aspnet.membership.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The QR code a printed membership certificate carries: the address of its public check, so that
 * a phone opens it. ZXing encodes; this writes the modules as one SVG path, which prints sharp at
 * any size and weighs a few kilobytes.
 */
final class CertificateCodes {
  /** The quiet zone around the code, in modules, as the QR standard asks. */
  static final int MARGIN = 4;

  private CertificateCodes() {}

  static BitMatrix matrix(String text) {
    try {
      // M recovers from 15 % damage: a certificate on a wall gets marked
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
          EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
          EncodeHintType.MARGIN, MARGIN,
          EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode " + text.length() + " characters as a QR code", e);
    }
  }

  /** {@code text} as an SVG QR code: dark modules in runs per row, one path, a white ground. */
  static String svg(String text, String title) {
    BitMatrix m = matrix(text);
    int width = m.getWidth();
    int height = m.getHeight();
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; ) {
        if (!m.get(x, y)) {
          x++;
          continue;
        }
        int run = 1;
        while (x + run < width && m.get(x + run, y)) {
          run++;
        }
        path.append('M').append(x).append(' ').append(y).append('h').append(run).append("v1h-").append(run).append('z');
        x += run;
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
        + "\" shape-rendering=\"crispEdges\" role=\"img\"><title>" + escaped(title) + "</title>"
        + "<rect width=\"" + width + "\" height=\"" + height + "\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
  }

  private static String escaped(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
