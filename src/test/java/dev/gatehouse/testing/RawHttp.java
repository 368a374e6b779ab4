package dev.gatehouse.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 exchange over a plain socket, from a chosen local address ({@code 127.0.0.2}: Linux routes all of
 * 127/8 to loopback, so a test can be a second client machine) and with any headers, {@code Host} included (the JDK
 * client refuses to set it). {@code Connection: close}; chunked answers are decoded.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** A response: status, headers in order (name as sent), body as UTF-8. */
    public record Response(int status, List<Map.Entry<String, String>> headers, String body) {
        public List<String> headers(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }

        public Optional<String> header(String name) {
            return headers(name).stream().findFirst();
        }
    }

    /** Sends {@code method target} to 127.0.0.1:{@code port} from {@code local}, with these headers ("Name: value"). */
    public static Response send(InetAddress local, int port, String method, String target, String body,
                                String... headers) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(local, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(15_000);
            StringBuilder req = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            boolean host = false;
            for (String h : headers) {
                host |= h.toLowerCase(Locale.ROOT).startsWith("host:");
                req.append(h).append("\r\n");
            }
            if (!host) {
                req.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                req.append("Content-Length: ").append(content.length).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            return read(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.add(Map.entry(l.substring(0, colon), l.substring(colon + 1).strip()));
        }
        boolean chunked = headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Transfer-Encoding")
                && h.getValue().equalsIgnoreCase("chunked"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            Optional<String> length = headers.stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Length"))
                    .map(Map.Entry::getValue).findFirst();
            body.write(length.isPresent() ? in.readNBytes(Integer.parseInt(length.get())) : in.readAllBytes());
        }
        return new Response(code, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
