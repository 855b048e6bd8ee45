package lab.common;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The connection limits a lab server starts with, each against a way a client can hold a
 * server's resources (NOTES.md, "Connections a server should not keep"). grpc-java's own
 * defaults keep an idle connection forever, wait 120 s for a silent client's preface and
 * allow unlimited streams per connection.
 *
 * @param maxConnectionIdle a connection with no call for this long is closed with GOAWAY
 *     (clients that connect and go quiet, half-open connections)
 * @param handshakeTimeout a client that connects and does not finish the HTTP/2 preface is
 *     dropped after this
 * @param maxConcurrentCallsPerConnection streams one connection may have open at once
 *     (SETTINGS_MAX_CONCURRENT_STREAMS); more wait on the client
 * @param maxHeaderListBytes request headers larger than this are refused
 * @param keepAliveTime the server pings a connection quiet for this long ...
 * @param keepAliveTimeout ... and closes it if no answer comes: peers that vanished without
 *     a FIN or RST (a pulled cable, a dead NAT entry)
 * @param maxResetsPerWindow a connection whose streams are reset more often than this per
 *     {@code resetWindow} (by the client, or by the server answering the client's protocol
 *     errors) is closed with GOAWAY ENHANCE_YOUR_CALM: Rapid Reset (CVE-2023-44487) and
 *     MadeYouReset (CVE-2025-8671) each cost the server a call per two small frames
 * @param resetWindow the window {@code maxResetsPerWindow} is counted over
 */
public record ConnectionLimits(Duration maxConnectionIdle, Duration handshakeTimeout,
    int maxConcurrentCallsPerConnection, int maxHeaderListBytes, Duration keepAliveTime,
    Duration keepAliveTimeout, int maxResetsPerWindow, Duration resetWindow) {

  /**
   * 1,000 resets per 10 s is 100 a second on one connection: more than a client cancelling
   * on deadlines or hedging ever sends, and 1/70 of what one flooding client managed (70,000
   * streams in 10 s against a server without the limit), which then ends within 0.2 s.
   */
  public static final ConnectionLimits DEFAULT = new ConnectionLimits(Duration.ofMinutes(5),
      Duration.ofSeconds(10), 1_000, 8 * 1024, Duration.ofMinutes(1), Duration.ofSeconds(20),
      1_000, Duration.ofSeconds(10));

  public ConnectionLimits withMaxConnectionIdle(Duration idle) {
    return new ConnectionLimits(idle, handshakeTimeout, maxConcurrentCallsPerConnection,
        maxHeaderListBytes, keepAliveTime, keepAliveTimeout, maxResetsPerWindow, resetWindow);
  }

  public ConnectionLimits withHandshakeTimeout(Duration timeout) {
    return new ConnectionLimits(maxConnectionIdle, timeout, maxConcurrentCallsPerConnection,
        maxHeaderListBytes, keepAliveTime, keepAliveTimeout, maxResetsPerWindow, resetWindow);
  }

  public ConnectionLimits withKeepAlive(Duration time, Duration timeout) {
    return new ConnectionLimits(maxConnectionIdle, handshakeTimeout,
        maxConcurrentCallsPerConnection, maxHeaderListBytes, time, timeout, maxResetsPerWindow,
        resetWindow);
  }

  public ConnectionLimits withResets(int max, Duration window) {
    return new ConnectionLimits(maxConnectionIdle, handshakeTimeout,
        maxConcurrentCallsPerConnection, maxHeaderListBytes, keepAliveTime, keepAliveTimeout,
        max, window);
  }

  void applyTo(NettyServerBuilder builder) {
    builder.maxConnectionIdle(maxConnectionIdle.toMillis(), TimeUnit.MILLISECONDS)
        .handshakeTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .maxConcurrentCallsPerConnection(maxConcurrentCallsPerConnection)
        .maxInboundMetadataSize(maxHeaderListBytes)
        .keepAliveTime(keepAliveTime.toMillis(), TimeUnit.MILLISECONDS)
        .keepAliveTimeout(keepAliveTimeout.toMillis(), TimeUnit.MILLISECONDS)
        // counts the resets a connection's streams end with, received and (grpc-java 1.75+) sent
        .maxRstFramesPerWindow(maxResetsPerWindow, (int) resetWindow.toSeconds());
  }
}
