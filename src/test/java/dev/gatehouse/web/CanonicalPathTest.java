package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CanonicalPath}: RFC 3986's own examples of dot-segment removal, the decoding of unreserved characters, and
 * each refusal its Javadoc lists.
 */
class CanonicalPathTest {
    private static String canonical(String raw) {
        CanonicalPath.Result r = CanonicalPath.of(raw);
        assertThat(r).as(raw).isInstanceOf(CanonicalPath.Canonical.class);
        return ((CanonicalPath.Canonical) r).path();
    }

    private static String refusal(String raw) {
        CanonicalPath.Result r = CanonicalPath.of(raw);
        assertThat(r).as(raw).isInstanceOf(CanonicalPath.Refused.class);
        return ((CanonicalPath.Refused) r).reason();
    }

    @Test
    void rfc3986Section524Examples() {
        assertThat(canonical("/a/b/c/./../../g")).isEqualTo("/a/g");
        assertThat(CanonicalPath.removeDotSegments("mid/content=5/../6")).isEqualTo("mid/6");
    }

    /**
     * RFC 3986 §5.4.1 and §5.4.2 with base {@code http://a/b/c/d;p?q}: for every reference that is a relative path
     * (no query, fragment or scheme), the target's path is remove_dot_segments of the merged path (§5.2.2, §5.2.3):
     * the base path up to its last "/", then the reference.
     */
    @Test
    void rfc3986Section54ExamplesOfRelativePaths() {
        Map<String, String> examples = new LinkedHashMap<>();
        // 5.4.1 normal examples
        examples.put("g", "/b/c/g");
        examples.put("./g", "/b/c/g");
        examples.put("g/", "/b/c/g/");
        examples.put(";x", "/b/c/;x");
        examples.put("g;x", "/b/c/g;x");
        examples.put(".", "/b/c/");
        examples.put("./", "/b/c/");
        examples.put("..", "/b/");
        examples.put("../", "/b/");
        examples.put("../g", "/b/g");
        examples.put("../..", "/");
        examples.put("../../", "/");
        examples.put("../../g", "/g");
        // 5.4.2 abnormal examples
        examples.put("../../../g", "/g");
        examples.put("../../../../g", "/g");
        examples.put("g.", "/b/c/g.");
        examples.put(".g", "/b/c/.g");
        examples.put("g..", "/b/c/g..");
        examples.put("..g", "/b/c/..g");
        examples.put("./../g", "/b/g");
        examples.put("./g/.", "/b/c/g/");
        examples.put("g/./h", "/b/c/g/h");
        examples.put("g/../h", "/b/c/h");
        examples.put("g;x=1/./y", "/b/c/g;x=1/y");
        examples.put("g;x=1/../y", "/b/c/y");
        examples.forEach((reference, target) ->
                assertThat(canonical("/b/c/" + reference)).as("%s", reference).isEqualTo(target));
        // absolute-path references
        assertThat(canonical("/./g")).isEqualTo("/g");
        assertThat(canonical("/../g")).isEqualTo("/g");
        assertThat(canonical("/g")).isEqualTo("/g");
    }

    @ParameterizedTest
    @CsvSource({
            "/outpost.goauthentik.io/../admin/, /admin/",
            "/outpost.goauthentik.io/%2e%2e/admin/, /admin/",
            "/outpost.goauthentik.io/%2E%2e/admin/, /admin/",
            "/outpost.goauthentik.io/.%2E/admin/, /admin/",
            "/public/./../admin, /admin",
            "/public/%2e/x, /public/x",
            "/admin//x//, /admin/x/",
            "/a/b/.., /a/",
            "/a/b/., /a/b/",
            "/.., /",
            "/, /",
            "/%41%7a%30%2D%5f%7E, /Az0-_~",
            "/%3a%40%21%3f%3d, /%3A%40%21%3F%3D",
            "/caf%C3%A9, /caf%C3%A9",
            "/caf%c3%a9, /caf%C3%A9",
            "/a;jsessionid=1/b, /a;jsessionid=1/b",
            "/a:b@c!$&'()*+=-._~, /a:b@c!$&'()*+=-._~",
            "/a|b^c[d]{e}`\"<>, /a%7Cb%5Ec%5Bd%5D%7Be%7D%60%22%3C%3E",
            "/%25252e, /%25252e"
    })
    void decodesUnreservedCharactersRemovesDotSegmentsAndCollapsesSlashes(String raw, String expected) {
        assertThat(canonical(raw)).isEqualTo(expected);
        assertThat(canonical(expected)).as("canonical again: unchanged").isEqualTo(expected);
    }

    @Test
    void withoutParametersCutsEverySegmentAtItsFirstSemicolon() {
        CanonicalPath.Canonical c = (CanonicalPath.Canonical) CanonicalPath.of("/a;x=1;y/b;/c");
        assertThat(c.path()).isEqualTo("/a;x=1;y/b;/c");
        assertThat(c.withoutParameters()).isEqualTo("/a/b/c");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/outpost.goauthentik.io/..%2fadmin/", "/a%2Fb", "/a%2fb",
            "/a\\b", "/a%5cb", "/a%5C..%5Cadmin",
            "/a%00b", "/a%00", "/a%0a", "/a%0D%0Ab", "/a%7f", "/a%1F",
            "/a%", "/a%2", "/a%zz", "/a%2g", "/%%32%65",
            "/a#b", "/a b", "/a\u0000b", "/a\tb", "/caf\u00e9", "/\uff0e\uff0e/admin",
            "/%C0%AE%C0%AE/admin", "/%c0%2e", "/%E0%80%AE", "/%C3", "/%C3/x", "/%ED%A0%80", "/%FF",
            "/public/..%3b/admin", "/public/%3B/../admin", "/a%3Bb",
            "/public/..;/admin", "/public/.;x/admin", "/public/%2e%2e;x/admin",
            "/a//../b", "/public//../admin", "/a/;x/../b", "/public/;/../admin",
            "", "admin", "*", "//admin", "//public/admin", "//"
    })
    void ambiguousOrMalformedPathsAreRefused(String raw) {
        assertThat(refusal(raw)).isNotBlank();
    }
}
