package dev.gatehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package map of the main code, as a ratchet: the dependencies that close a package cycle, and the imports
 * from {@code store} into feature packages, may only go away. Each is listed in
 * {@code src/test/resources/architecture/}; a new one fails the test (the message names it), and one that is
 * gone fails it too until its line is removed, so the lists stay exact while the cycles are taken apart. The
 * test prints the counts it measured. {@code -Dgatehouse.architecture.rewrite=true} writes both lists as measured
 * (for a change that removes entries; review the diff).
 */
class PackageCyclesTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path CYCLE_BASELINE = Path.of("src/test/resources/architecture/package-cycle-edges.txt");
    private static final Path STORE_BASELINE = Path.of("src/test/resources/architecture/store-feature-imports.txt");
    private static final String ROOT = "dev.gatehouse";
    /** What {@code store} may use: the database plumbing and the shared model, not a feature. */
    private static final Set<String> STORE_MAY_USE = Set.of(ROOT, ROOT + ".store", ROOT + ".config", ROOT + ".core",
            ROOT + ".core.errors", ROOT + ".crypto");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.gatehouse(?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z]");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
    private static final Pattern STRINGS = Pattern.compile("(?s)\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"");

    @Test
    void noNewPackageCycleAndNoNewStoreImportOfAFeature() {
        Map<String, Set<String>> graph = packageGraph();
        List<Set<String>> cycles = cycles(graph);
        Set<String> cycleEdges = cycleEdges(graph);
        Set<String> storeImports = storeImports(graph);
        long mutual = cycleEdges.stream().filter(e -> {
            String[] ends = e.split(" -> ");
            return ends[0].compareTo(ends[1]) < 0 && cycleEdges.contains(ends[1] + " -> " + ends[0]);
        }).count();
        System.out.printf("package cycles: %d (strongly connected groups of packages), %d packages in them, "
                        + "%d dependencies inside them, %d pairs of packages that import each other; "
                        + "store imports of feature packages: %d%n", cycles.size(),
                cycles.stream().mapToInt(Set::size).sum(), cycleEdges.size(), mutual, storeImports.size());

        assertMatchesBaseline(cycleEdges, CYCLE_BASELINE, "dependency that closes a package cycle");
        assertMatchesBaseline(storeImports, STORE_BASELINE, "import from store into a feature package");
    }

    /** The guard itself: one import that closes a cycle, or one from store into a feature, is reported as new. */
    @Test
    void aDependencyThatClosesACycleOrAStoreImportOfAFeatureIsReportedAsNew() {
        Map<String, Set<String>> graph = new TreeMap<>();
        packageGraph().forEach((from, to) -> graph.put(from, new TreeSet<>(to)));
        graph.get(ROOT + ".store").add(ROOT + ".provider.oauth2");
        graph.get(ROOT + ".core").add(ROOT + ".web");

        assertThat(added(cycleEdges(graph), read(CYCLE_BASELINE)))
                .contains(ROOT + ".core -> " + ROOT + ".web");
        assertThat(added(storeImports(graph), read(STORE_BASELINE)))
                .contains(ROOT + ".store -> " + ROOT + ".provider.oauth2");
    }

    /** Every dependency between two packages of one cycle, as {@code from -> to}. */
    static Set<String> cycleEdges(Map<String, Set<String>> graph) {
        Set<String> edges = new TreeSet<>();
        for (Set<String> cycle : cycles(graph)) {
            for (String from : cycle) {
                for (String to : graph.get(from)) {
                    if (cycle.contains(to)) {
                        edges.add(from + " -> " + to);
                    }
                }
            }
        }
        return edges;
    }

    /** The dependencies of {@code store} (and its subpackages) on anything but the plumbing and shared model. */
    static Set<String> storeImports(Map<String, Set<String>> graph) {
        Set<String> imports = new TreeSet<>();
        graph.forEach((from, targets) -> {
            if (from.equals(ROOT + ".store") || from.startsWith(ROOT + ".store.")) {
                targets.stream().filter(to -> !STORE_MAY_USE.contains(to) && !to.startsWith(ROOT + ".store."))
                        .forEach(to -> imports.add(from + " -> " + to));
            }
        });
        return imports;
    }

    private static Set<String> added(Set<String> measured, List<String> allowed) {
        Set<String> out = new TreeSet<>(measured);
        allowed.forEach(out::remove);
        return out;
    }

    /** The cycle finder itself: a cycle of three, a self-contained pair, and a chain with none. */
    @Test
    void cyclesAreTheStronglyConnectedGroupsOfMoreThanOnePackage() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", new TreeSet<>(Set.of("b")));
        graph.put("b", new TreeSet<>(Set.of("c")));
        graph.put("c", new TreeSet<>(Set.of("a", "d")));
        graph.put("d", new TreeSet<>(Set.of("e")));
        graph.put("e", new TreeSet<>(Set.of("d")));
        graph.put("f", new TreeSet<>(Set.of("a")));
        assertThat(cycles(graph)).containsExactlyInAnyOrder(Set.of("a", "b", "c"), Set.of("d", "e"));
    }

    private static void assertMatchesBaseline(Set<String> measured, Path baseline, String what) {
        if (Boolean.getBoolean("gatehouse.architecture.rewrite")) {
            try {
                Files.createDirectories(baseline.getParent());
                Files.writeString(baseline, "# One line per " + what + " that exists today (PackageCyclesTest).\n"
                        + String.join("\n", measured) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Set<String> allowed = new TreeSet<>(read(baseline));
        Set<String> added = added(measured, read(baseline));
        Set<String> gone = new TreeSet<>(allowed);
        gone.removeAll(measured);
        assertThat(added).as("new %s (take it apart instead: pass a narrow interface through a constructor, or "
                + "move the code to the package it belongs to)", what).isEmpty();
        assertThat(gone).as("%s listed in %s that no longer exists: remove its line", what, baseline).isEmpty();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Package → the other packages of this code base its classes name (imports and qualified names). */
    static Map<String, Set<String>> packageGraph() {
        Map<String, String> sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(f.toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> packageOf = new HashMap<>();
        sources.forEach((file, text) -> {
            Matcher m = PACKAGE.matcher(text);
            assertThat(m.find()).as("package declaration in %s", file).isTrue();
            packageOf.put(file, m.group(1));
        });
        Set<String> packages = new TreeSet<>(packageOf.values());
        Map<String, Set<String>> graph = new TreeMap<>();
        packages.forEach(p -> graph.put(p, new TreeSet<>()));
        sources.forEach((file, text) -> {
            String from = packageOf.get(file);
            Matcher m = REFERENCE.matcher(STRINGS.matcher(COMMENTS.matcher(text).replaceAll(" ")).replaceAll("\"\""));
            while (m.find()) {
                String to = longestKnownPrefix(m.group(1), packages);
                if (to != null && !to.equals(from)) {
                    graph.get(from).add(to);
                }
            }
        });
        return graph;
    }

    /** A qualified name's package: {@code a.b.Outer.Inner} names {@code a.b} when {@code a.b} is a package. */
    private static String longestKnownPrefix(String name, Set<String> packages) {
        for (String candidate = name; candidate.contains("."); candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
            if (packages.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Tarjan's strongly connected components of more than one package. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String start : graph.keySet()) {
            if (!index.containsKey(start)) {
                strongConnect(start, graph, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void strongConnect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                      Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                      List<Set<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strongConnect(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }
}
