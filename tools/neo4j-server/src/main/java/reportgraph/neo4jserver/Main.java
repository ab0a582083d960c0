package reportgraph.neo4jserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Neo4j 5 Community for reportgraph's tests and developers: Bolt on
 * 127.0.0.1 only, no authentication, no HTTP, a bounded page cache, data in
 * a directory the caller names (kept across restarts) or a temporary one
 * (deleted on a clean stop).
 *
 * <p>Prints exactly one {@code READY bolt://127.0.0.1:PORT} line once the
 * default database accepts transactions (PORT is the bound port, so
 * {@code --port 0} lets the OS choose), and {@code STOPPED} after a clean
 * shutdown. Stops on SIGTERM/SIGINT and, with {@code --stop-on-stdin-eof},
 * when its standard input closes, so a parent that dies takes it along.
 */
public final class Main {
  private static final String USAGE =
      "usage: neo4j-server [--port N] [--data DIR] [--page-cache-mb N] [--stop-on-stdin-eof]";

  private Main() {}

  public static void main(String[] args) throws Exception {
    Options opts;
    try {
      opts = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("neo4j-server: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Path home = opts.data != null ? opts.data : Files.createTempDirectory("reportgraph-neo4j-");
    boolean temporary = opts.data == null;
    Files.createDirectories(home);

    DatabaseManagementService dbms;
    try {
      dbms = start(home, opts);
    } catch (RuntimeException e) {
      if (temporary) {
        deleteTree(home); // nothing of a failed start is worth keeping
      }
      throw e;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  dbms.shutdown();
                  if (temporary) {
                    deleteTree(home);
                  }
                  System.out.println("STOPPED");
                  System.out.flush();
                  stopped.countDown();
                },
                "neo4j-server-shutdown"));

    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    if (!db.isAvailable(TimeUnit.MINUTES.toMillis(5))) {
      System.err.println("neo4j-server: database not available after 5 minutes");
      System.exit(1);
    }
    HostnamePort bolt =
        ((GraphDatabaseAPI) db)
            .getDependencyResolver()
            .resolveDependency(ConnectorPortRegister.class)
            .getLocalAddress(ConnectorType.BOLT);
    System.out.println("READY bolt://127.0.0.1:" + bolt.getPort());
    System.out.flush();

    if (opts.stopOnStdinEof) {
      drain(System.in);
      System.exit(0); // runs the shutdown hook
    }
    stopped.await();
  }

  private static DatabaseManagementService start(Path home, Options opts) {
    return new DatabaseManagementServiceBuilder(home)
        .setUserLogProvider(new Log4jLogProvider(System.out, Level.WARN))
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", opts.port))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(opts.pageCacheMB))
        // Tests rewrite the graph over and over; old transaction logs
        // are of no use to them and would only fill the disk.
        .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
        // Bolt's network threads otherwise idle out a quiet period that
        // made every stop take 12 s; a test server has no clients to
        // drain by then.
        .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
        .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
        .build();
  }

  /** Reads until end of input; returns on EOF or a read error alike. */
  private static void drain(InputStream in) {
    byte[] buf = new byte[256];
    try {
      while (in.read(buf) >= 0) {
        // discard
      }
    } catch (IOException e) {
      // a broken pipe means the parent is gone: stop as on EOF
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Main::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      System.err.println("neo4j-server: remove " + root + ": " + e.getMessage());
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Command-line options. */
  private static final class Options {
    int port = BoltConnector.DEFAULT_PORT;
    Path data;
    long pageCacheMB = 128;
    boolean stopOnStdinEof;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--port" -> o.port = parseInt(args, ++i, 0, 65535);
          case "--data" -> o.data = Path.of(value(args, ++i)).toAbsolutePath();
          case "--page-cache-mb" -> o.pageCacheMB = parseInt(args, ++i, 8, 1 << 20);
          case "--stop-on-stdin-eof" -> o.stopOnStdinEof = true;
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      return o;
    }

    private static String value(String[] args, int i) {
      if (i >= args.length) {
        throw new IllegalArgumentException(args[i - 1] + " needs a value");
      }
      return args[i];
    }

    private static int parseInt(String[] args, int i, int min, int max) {
      String v = value(args, i);
      try {
        int n = Integer.parseInt(v);
        if (n < min || n > max) {
          throw new IllegalArgumentException(args[i - 1] + " " + v + ": out of range " + min + "-" + max);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(args[i - 1] + " " + v + ": not a number");
      }
    }
  }
}
