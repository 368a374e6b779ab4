package dev.gatehouse.store;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The versions of the Flyway migrations on the class path: SQL ({@code db/migration/V<version>__<name>.sql}) and
 * Java ({@code db.migration.V<version>__<Name>}, a class file in the same folder).
 */
final class MigrationIndex {
    private static final String LOCATION = "db/migration";
    private static final Pattern NAME = Pattern.compile("V([0-9_.]+)__[^$]+\\.(?:sql|class)");

    private MigrationIndex() {
    }

    /** Versions as Flyway records them ("1", "1.1"); empty when the location cannot be listed. */
    static Set<String> versions() {
        Set<String> out = new TreeSet<>();
        try {
            Enumeration<URL> roots = MigrationIndex.class.getClassLoader().getResources(LOCATION);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if ("jar".equals(url.getProtocol())) {
                    JarURLConnection c = (JarURLConnection) url.openConnection();
                    c.setUseCaches(false);
                    try (JarFile jar = c.getJarFile()) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                            String n = e.nextElement().getName();
                            if (n.startsWith(LOCATION + "/")) {
                                add(n.substring(LOCATION.length() + 1), out);
                            }
                        }
                    }
                } else if ("file".equals(url.getProtocol())) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.forEach(p -> add(p.getFileName().toString(), out));
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            return Set.of();
        }
        return out;
    }

    private static void add(String fileName, Set<String> out) {
        Matcher m = NAME.matcher(fileName);
        if (m.matches()) {
            out.add(m.group(1).replace('_', '.'));
        }
    }
}
