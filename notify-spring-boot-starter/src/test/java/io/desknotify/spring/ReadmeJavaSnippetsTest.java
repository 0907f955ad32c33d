package io.desknotify.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.core.Notifier;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.horizon.HorizonEmulator;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import io.desknotify.transport.http.huawei.HuaweiWorkspaceTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java} block of {@code README.md} and of each module's {@code README.md} is compiled with the JDK's
 * compiler, exactly as written, and run against the testkit's emulators on loopback.
 *
 * <p>What the test adds around a block, and nothing else:
 * <ul>
 *   <li>the imports a reader would let the IDE add ({@link #IMPORTS});</li>
 *   <li>a block of statements becomes the body of a method; the free variables the README's text names
 *       ({@code projectId}, {@code ak} and {@code sk}, {@code password}) are declared before it with the
 *       emulators' credentials, unless the block declares them itself;</li>
 *   <li>a provider's real address in {@code URI.create("https://...")} is replaced by the matching emulator's
 *       address (the README shows the real cloud, the test has only loopback);</li>
 *   <li>a block that declares a class is compiled as a file, and run by constructing it with a {@code Notifier}
 *       to the Huawei emulator and calling each of its methods with three of the emulator's desktop ids.</li>
 * </ul>
 * A block of statements that names a provider's address must have sent something to that emulator.
 */
class ReadmeJavaSnippetsTest {

    static final String IMPORTS = String.join("\n",
            "import static org.assertj.core.api.Assertions.*;",
            "import io.desknotify.api.*;",
            "import io.desknotify.api.spi.RecordStore;",
            "import io.desknotify.store.jdbc.*;",
            "import io.desknotify.core.*;",
            "import io.desknotify.transport.http.huawei.*;",
            "import io.desknotify.transport.http.horizon.*;",
            "import io.desknotify.testkit.*;",
            "import io.desknotify.testkit.huawei.*;",
            "import io.desknotify.testkit.horizon.*;",
            "import io.desknotify.testkit.junit.*;",
            "import java.net.URI;",
            "import java.time.*;",
            "import java.util.*;",
            "import org.springframework.stereotype.Service;",
            "");

    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("(?m)^(@\\w+\\s+)*(public\\s+)?(final\\s+)?class\\s+(\\w+)");
    private static final Pattern REAL_ADDRESS = Pattern.compile("URI\\.create\\(\"(https://[^\"]+)\"\\)");
    private static final String AK = "readme-ak";
    private static final String SK = "readme-sk";
    private static final String HORIZON_PASSWORD = "readme-password";

    static HuaweiWorkspaceEmulator huawei;
    static HorizonEmulator horizon;

    @BeforeAll
    static void start() {
        Inventory inventory = Inventory.builder().seed(11).desktops(20).pools(2).users(10).build();
        huawei = HuaweiWorkspaceEmulator.builder().inventory(inventory).credentials(AK, SK).threads(4).start();
        horizon = HorizonEmulator.builder().inventory(inventory).login("DESKNOTIFY", "svc-notify", HORIZON_PASSWORD)
                .threads(4).start();
    }

    @AfterAll
    static void stop() {
        huawei.close();
        horizon.close();
    }

    /** A {@code java} block and where it stands. */
    record Snippet(Path file, int line, String code) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    static List<Snippet> snippets() throws IOException {
        List<Path> readmes = new ArrayList<>();
        Path root = Path.of("..");
        readmes.add(root.resolve("README.md"));
        try (Stream<Path> modules = Files.list(root)) {
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(readmes::add);
        }
        List<Snippet> all = new ArrayList<>();
        for (Path readme : readmes) {
            String text = Files.readString(readme);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).lines().count() + 1;
                all.add(new Snippet(root.relativize(readme).normalize(), line, m.group(1)));
            }
        }
        return all;
    }

    @Test
    void theReadmesHaveJavaBlocksToCheck() throws IOException {
        assertThat(snippets()).as("java blocks in README.md").anyMatch(s -> s.file().toString().equals("README.md"))
                .as("java blocks in a module's README").anyMatch(s -> s.file().getNameCount() == 2);
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompilesAndRuns() throws IOException {
        return snippets().stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> compileAndRun(s)));
    }

    private void compileAndRun(Snippet snippet) throws Exception {
        huawei.journal().clear();
        horizon.journal().clear();
        Matcher declared = CLASS.matcher(snippet.code());
        if (declared.find()) {
            String name = declared.group(4);
            Class<?> type = compile(snippet, name, IMPORTS + snippet.code()).loadClass(name);
            runClass(type);
        } else {
            String code = withEmulatorAddresses(snippet.code());
            String source = IMPORTS + "class Snippet {\n    static void run() throws Exception {\n"
                    + freeVariables(code) + code + "\n    }\n}\n";
            Method run = compile(snippet, "Snippet", source).loadClass("Snippet").getDeclaredMethod("run");
            run.setAccessible(true);
            invoke(run, null);
            if (REAL_ADDRESS.matcher(snippet.code()).find()) {
                assertThat(huawei.journal().requests().size() + horizon.journal().requests().size())
                        .as("%s sent its requests to the emulator", snippet).isPositive();
            }
        }
    }

    /** Replaces each provider's real address with the address of the emulator that plays it. */
    private static String withEmulatorAddresses(String code) {
        Matcher m = REAL_ADDRESS.matcher(code);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String host = URI.create(m.group(1)).getHost().toLowerCase(Locale.ROOT);
            URI emulator = host.endsWith("myhuaweicloud.com") ? huawei.baseUri()
                    : host.contains("horizon") ? horizon.baseUri() : null;
            assertThat(emulator).as("an emulator for %s", host).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement("URI.create(\"" + emulator + "\")"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The variables the README's text introduces, declared unless the block declares them. */
    private static String freeVariables(String code) {
        Map<String, String> declarations = new HashMap<>();
        declarations.put("projectId", "String projectId = \"" + huawei.projectId() + "\";");
        declarations.put("ak", "String ak = \"" + AK + "\";");
        declarations.put("sk", "char[] sk = \"" + SK + "\".toCharArray();");
        declarations.put("password", "char[] password = \"" + HORIZON_PASSWORD + "\".toCharArray();");
        StringBuilder out = new StringBuilder();
        declarations.forEach((name, declaration) -> {
            boolean used = Pattern.compile("\\b" + name + "\\b").matcher(code).find();
            boolean declaredHere = Pattern.compile("[\\w>\\]]\\s+" + name + "\\s*=").matcher(code).find();
            if (used && !declaredHere) {
                out.append("        ").append(declaration).append('\n');
            }
        });
        return out.toString();
    }

    /** Constructs the class with a notifier to the Huawei emulator and calls each of its own methods. */
    private static void runClass(Class<?> type) throws Exception {
        try (Notifier notifier = Notifier.builder()
                .transport(HuaweiWorkspaceTransport.builder().endpoint(huawei.baseUri()).projectId(huawei.projectId())
                        .accessKey(AK).secretKey(SK.toCharArray()).build())
                .jobPolling(Duration.ofMillis(50), Duration.ofSeconds(30)).build()) {
            Constructor<?> constructor = type.getDeclaredConstructors()[0];
            constructor.setAccessible(true);
            Object instance = constructor.newInstance(arguments(constructor.getParameterTypes(), notifier));
            int called = 0;
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPrivate(method.getModifiers()) || method.isSynthetic()) {
                    continue;
                }
                method.setAccessible(true);
                assertThat(invoke(method, instance, arguments(method.getParameterTypes(), notifier)))
                        .as("what %s returned", method.getName()).isNotNull();
                called++;
            }
            assertThat(called).as("methods of %s called", type.getSimpleName()).isPositive();
            assertThat(huawei.journal().totalShown()).as("shown on the emulator's desktops").isPositive();
        }
    }

    private static Object[] arguments(Class<?>[] types, Notifier notifier) {
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (types[i] == Notifier.class) {
                args[i] = notifier;
            } else if (types[i] == List.class) {
                args[i] = huawei.inventory().desktopIds().subList(0, 3);
            } else {
                throw new AssertionError("the test has no value for a parameter of type " + types[i].getName());
            }
        }
        return args;
    }

    private static Object invoke(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw new AssertionError(e.getCause());
        }
    }

    /** Compiles one source file in memory; the class path is this test's. */
    private static ClassLoader compile(Snippet snippet, String className, String source) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
             ForwardingJavaFileManager<StandardJavaFileManager> files = new ForwardingJavaFileManager<>(standard) {
                 @Override
                 public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                         FileObject sibling) {
                     return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + ".class"),
                             kind) {
                         @Override
                         public OutputStream openOutputStream() {
                             return classes.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                         }
                     };
                 }
             }) {
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none",
                    "--release", "17", "-Xlint:all", "-Xlint:-processing", "-Werror");
            boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(file)).call();
            StringBuilder errors = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                errors.append(d.getKind()).append(" at line ").append(d.getLineNumber()).append(": ")
                        .append(d.getMessage(Locale.ROOT)).append('\n');
            }
            if (!ok) {
                int[] n = {0};
                source.lines().forEach(l -> errors.append(String.format("%4d  %s%n", ++n[0], l)));
            }
            assertThat(ok).as("%s compiles:%n%s", snippet, errors).isTrue();
        }
        return new ClassLoader(ReadmeJavaSnippetsTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                ByteArrayOutputStream bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] b = bytes.toByteArray();
                return defineClass(name, b, 0, b.length);
            }
        };
    }
}
