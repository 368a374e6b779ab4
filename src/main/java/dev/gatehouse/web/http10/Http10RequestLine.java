package dev.gatehouse.web.http10;

import io.helidon.common.buffers.DataReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The bytes of an HTTP/1.0 connection as Helidon's HTTP/1.1 parser reads them: the first request line's version
 * becomes {@code HTTP/1.1} and a {@code Connection: close} header line follows it, so Helidon's response announces
 * the close (which {@link Http10RequestListener} then makes happen) and does not keep the request's body for a
 * next request. Everything after the request line passes through untouched; only the first line is ever looked
 * at, so there is no second parser of the header section or the body.
 */
final class Http10RequestLine implements Supplier<byte[]> {
    private static final byte LF = '\n';
    private static final byte[] VERSION_1_0 = " HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);

    private final DataReader socket;
    private final int maxLineLength;
    private boolean lineDone;

    Http10RequestLine(DataReader socket, int maxLineLength) {
        this.socket = socket;
        this.maxLineLength = maxLineLength;
    }

    @Override
    public byte[] get() {
        byte[] bytes = pull();
        if (bytes == null || lineDone) {
            return bytes;
        }
        int lf;
        while ((lf = indexOf(bytes, LF)) == -1 && bytes.length <= maxLineLength) {
            byte[] more = pull();
            if (more == null) {
                return bytes; // the client went away mid-line; Helidon ends the connection
            }
            bytes = concat(bytes, more);
        }
        lineDone = true;
        if (lf == -1) {
            return bytes; // longer than Helidon accepts: it answers 414
        }
        int afterLine = lf + 1;
        byte[] out = new byte[bytes.length + CONNECTION_CLOSE.length];
        System.arraycopy(bytes, 0, out, 0, afterLine);
        if (endsWithVersion10(bytes, afterLine)) {
            out[afterLine - 3] = '1'; // "HTTP/1.0\r\n" -> "HTTP/1.1\r\n"
        }
        System.arraycopy(CONNECTION_CLOSE, 0, out, afterLine, CONNECTION_CLOSE.length);
        System.arraycopy(bytes, afterLine, out, afterLine + CONNECTION_CLOSE.length, bytes.length - afterLine);
        return out;
    }

    private byte[] pull() {
        try {
            socket.ensureAvailable();
        } catch (DataReader.InsufficientDataAvailableException e) {
            return null;
        }
        return socket.readBytes(socket.available());
    }

    private static boolean endsWithVersion10(byte[] bytes, int end) {
        int start = end - VERSION_1_0.length;
        return start >= 0 && Arrays.equals(bytes, start, end, VERSION_1_0, 0, VERSION_1_0.length);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
