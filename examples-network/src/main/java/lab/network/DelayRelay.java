package lab.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import lab.common.Main;

/**
 * A link with latency, for kernels without netem: accepts TCP connections on {@code --port}
 * and forwards each to {@code --to HOST:PORT}, holding every byte {@code --delay-ms} in each
 * direction, so a round trip through it takes twice that. Bytes in the link are bounded
 * ({@link #IN_FLIGHT_CHUNKS} reads per direction): when the link is full the relay stops
 * reading, and TCP's flow control slows the sender, as a real link's buffers would. At most
 * {@link #MAX_CONNECTIONS} connections are relayed at once.
 */
public final class DelayRelay {
  static final String USAGE = "usage: ./run examples-network DelayRelay --to HOST:PORT"
      + " [--bind ADDRESS] [--port N] [--delay-ms MS]";
  static final int IN_FLIGHT_CHUNKS = 256; // of at most 64 KiB: 16 MiB per direction at most
  /** Connections relayed at once (each costs four threads and up to 32 MiB); more are closed. */
  static final int MAX_CONNECTIONS = 16;
  private static final byte[] END = new byte[0];

  private record Chunk(long dueNanos, byte[] bytes) {}

  private DelayRelay() {}

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      String[] to = flags.string("to", "").split(":(?=\\d+$)");
      if (to.length != 2) {
        throw new lab.common.Flags.UsageException("--to takes HOST:PORT, got: "
            + flags.string("to", ""));
      }
      InetSocketAddress target = new InetSocketAddress(to[0].replaceAll("[\\[\\]]", ""),
          Integer.parseInt(to[1]));
      long delayNanos = TimeUnit.MILLISECONDS.toNanos(flags.integer("delay-ms", 50));
      try (ServerSocket listener = new ServerSocket()) {
        listener.bind(new InetSocketAddress(flags.string("bind", "127.0.0.1"),
            flags.port(NetworkServer.DEFAULT_PORT + 1)));
        System.err.println("Relay listening on " + listener.getLocalSocketAddress() + " -> "
            + target + ", " + flags.integer("delay-ms", 50) + " ms each way");
        Semaphore slots = new Semaphore(MAX_CONNECTIONS);
        while (true) {
          Socket client = listener.accept();
          if (!slots.tryAcquire()) {
            System.err.println("Relay full (" + MAX_CONNECTIONS + " connections): closing "
                + client.getRemoteSocketAddress());
            client.close();
            continue;
          }
          Socket server = new Socket();
          try {
            server.connect(target, 10_000);
          } catch (IOException e) {
            client.close(); // the far end is down: so is this link
            slots.release();
            continue;
          }
          CountDownLatch ended = new CountDownLatch(2); // both directions
          pipe(client, server, delayNanos, ended);
          pipe(server, client, delayNanos, ended);
          Thread release = new Thread(() -> {
            try {
              ended.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            slots.release();
          }, "relay-slot");
          release.setDaemon(true);
          release.start();
        }
      }
    });
  }

  /** Bytes from {@code from} reach {@code to} {@code delayNanos} after they were read. */
  private static void pipe(Socket from, Socket to, long delayNanos, CountDownLatch ended) {
    BlockingQueue<Chunk> link = new ArrayBlockingQueue<>(IN_FLIGHT_CHUNKS);
    Thread reader = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = from.getInputStream()) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          link.put(new Chunk(System.nanoTime() + delayNanos, java.util.Arrays.copyOf(buffer, n)));
        }
      } catch (IOException | InterruptedException e) {
        // the connection ended
      }
      link.offer(new Chunk(System.nanoTime() + delayNanos, END));
    }, "relay-read");
    Thread writer = new Thread(() -> {
      try (OutputStream out = to.getOutputStream()) {
        while (true) {
          Chunk chunk = link.take();
          long wait = chunk.dueNanos() - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait); // the latency is the point: hold until due
          }
          if (chunk.bytes() == END) {
            to.shutdownOutput();
            return;
          }
          out.write(chunk.bytes());
        }
      } catch (IOException | InterruptedException e) {
        closeQuietly(from); // the other end is gone: end this direction's reader too
      } finally {
        ended.countDown();
      }
    }, "relay-write");
    reader.setDaemon(true);
    writer.setDaemon(true);
    reader.start();
    writer.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
