package dev.gatehouse.stage.authenticator_totp;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code (ISO/IEC 18004, via qrcodegen) as an inline SVG element: one path of dark modules on a white square
 * with the standard 4-module quiet zone. Built only from the encoded bits, so it is safe to embed unescaped; it
 * needs neither JavaScript nor an image request (the flow pages' CSP allows neither inline scripts nor data URLs).
 */
public final class QrSvg {
    private static final int BORDER = 4;

    private QrSvg() {
    }

    public static String of(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + BORDER * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\"QR code\" viewBox=\"0 0 "
                + size + " " + size + "\" width=\"" + size * 6 + "\" height=\"" + size * 6
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
                + path + "\" fill=\"#000\"/></svg>";
    }
}
