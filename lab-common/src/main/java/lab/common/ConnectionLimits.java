package lab.common;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The connection limits a lab server starts with, each against a way a client can hold a
 * server's resources (NOTES.md, "Connections a server should not keep"). grpc-java's own
 * defaults keep an idle connection forever, wait 120 s for a silent client's preface, allow
 * unlimited streams per connection with 1 MiB of unread bytes each, and never limit resets.
 *
 * @param maxConnectionIdle a connection with no call for this long is closed with GOAWAY
 *     (clients that connect and go quiet, half-open connections)
 * @param handshakeTimeout a client that connects and does not finish the HTTP/2 preface is
 *     dropped after this
 * @param maxConcurrentCallsPerConnection streams one connection may have open at once
 *     (SETTINGS_MAX_CONCURRENT_STREAMS); more wait on the client
 * @param streamWindowBytes the bytes a client may send on one stream before the server has
 *     read them (SETTINGS_INITIAL_WINDOW_SIZE, fixed: no BDP growth). A handler that stops
 *     reading (manual flow control) leaves up to this much waiting per stream, so a
 *     connection holds at most {@code maxConcurrentCallsPerConnection × streamWindowBytes}
 *     of a client's unread bytes
 * @param maxHeaderListBytes request headers larger than this are refused
 * @param keepAliveTime the server pings a connection quiet for this long ...
 * @param keepAliveTimeout ... and closes it if no answer comes: peers that vanished without
 *     a FIN or RST (a pulled cable, a dead NAT entry)
 * @param maxResetsPerWindow a connection whose streams are reset more often than this per
 *     {@code floodWindow} (by the client, or by the server answering the client's protocol
 *     errors) is closed with GOAWAY ENHANCE_YOUR_CALM: Rapid Reset (CVE-2023-44487) and
 *     MadeYouReset (CVE-2025-8671) each cost the server a call per two small frames
 * @param maxSettingsPerWindow a connection that sends more SETTINGS frames than this per
 *     {@code floodWindow} is closed with GOAWAY ENHANCE_YOUR_CALM: the server must answer
 *     each with an ACK, so a client that reads the ACKs can keep it busy forever
 *     ({@link SettingsBudget}; grpc-java has no such limit)
 * @param floodWindow the window resets and SETTINGS frames are counted over
 * @param maxConnections connections open at once, over every client; the next one is closed
 *     as soon as it is accepted, with a log line ({@link ConnectionCap}; grpc-java has no
 *     such limit)
 */
public record ConnectionLimits(Duration maxConnectionIdle, Duration handshakeTimeout,
    int maxConcurrentCallsPerConnection, int streamWindowBytes, int maxHeaderListBytes,
    Duration keepAliveTime, Duration keepAliveTimeout, int maxResetsPerWindow,
    int maxSettingsPerWindow, Duration floodWindow, int maxConnections) {

  /**
   * 100 streams of 256 KiB: one connection may leave at most 25 MiB of request bytes unread
   * (grpc-java's defaults, 1 MiB on each of unlimited streams: 400 streams held 892 MiB), and
   * 256 KiB still fills loopback and a LAN (a stream's throughput is at most window / RTT:
   * 5 MB/s at 50 ms; a server for distant clients would raise it).
   *
   * <p>1,000 resets per 10 s is 100 a second on one connection: more than a client cancelling
   * on deadlines or hedging ever sends, and 1/70 of what one flooding client managed (70,000
   * streams in 10 s against a server without the limit), which then ends within 0.2 s.
   *
   * <p>100 SETTINGS frames per 10 s: a client sends one when it connects and one each time it
   * changes a setting (grpc-java's window tuning: a handful per connection); a flooding
   * client sent 240,000 in a minute and was never closed.
   *
   * <p>1,000 connections: each costs the server 8–10 KiB before any call (measured
   * in lab-reliability's ConnectionFloodTest) and a file descriptor; what their calls may
   * hold is bounded apart, by LabServer's calls in flight.
   */
  public static final ConnectionLimits DEFAULT = new ConnectionLimits(Duration.ofMinutes(5),
      Duration.ofSeconds(10), 100, 256 * 1024, 8 * 1024, Duration.ofMinutes(1),
      Duration.ofSeconds(20), 1_000, 100, Duration.ofSeconds(10), 1_000);

  public ConnectionLimits withMaxConnectionIdle(Duration idle) {
    return new ConnectionLimits(idle, handshakeTimeout, maxConcurrentCallsPerConnection,
        streamWindowBytes, maxHeaderListBytes, keepAliveTime, keepAliveTimeout,
        maxResetsPerWindow, maxSettingsPerWindow, floodWindow, maxConnections);
  }

  public ConnectionLimits withHandshakeTimeout(Duration timeout) {
    return new ConnectionLimits(maxConnectionIdle, timeout, maxConcurrentCallsPerConnection,
        streamWindowBytes, maxHeaderListBytes, keepAliveTime, keepAliveTimeout,
        maxResetsPerWindow, maxSettingsPerWindow, floodWindow, maxConnections);
  }

  public ConnectionLimits withKeepAlive(Duration time, Duration timeout) {
    return new ConnectionLimits(maxConnectionIdle, handshakeTimeout,
        maxConcurrentCallsPerConnection, streamWindowBytes, maxHeaderListBytes, time, timeout,
        maxResetsPerWindow, maxSettingsPerWindow, floodWindow, maxConnections);
  }

  /** At most {@code resets} resets and {@code settings} SETTINGS frames per {@code window}. */
  public ConnectionLimits withFloodLimits(int resets, int settings, Duration window) {
    return new ConnectionLimits(maxConnectionIdle, handshakeTimeout,
        maxConcurrentCallsPerConnection, streamWindowBytes, maxHeaderListBytes, keepAliveTime,
        keepAliveTimeout, resets, settings, window, maxConnections);
  }

  public ConnectionLimits withMaxConnections(int max) {
    return new ConnectionLimits(maxConnectionIdle, handshakeTimeout,
        maxConcurrentCallsPerConnection, streamWindowBytes, maxHeaderListBytes, keepAliveTime,
        keepAliveTimeout, maxResetsPerWindow, maxSettingsPerWindow, floodWindow, max);
  }

  void applyTo(NettyServerBuilder builder) {
    builder.maxConnectionIdle(maxConnectionIdle.toMillis(), TimeUnit.MILLISECONDS)
        .handshakeTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .maxConcurrentCallsPerConnection(maxConcurrentCallsPerConnection)
        .flowControlWindow(streamWindowBytes)
        .maxInboundMetadataSize(maxHeaderListBytes)
        .keepAliveTime(keepAliveTime.toMillis(), TimeUnit.MILLISECONDS)
        .keepAliveTimeout(keepAliveTimeout.toMillis(), TimeUnit.MILLISECONDS)
        // counts the resets a connection's streams end with, received and (grpc-java 1.75+) sent
        .maxRstFramesPerWindow(maxResetsPerWindow, (int) floodWindow.toSeconds());
    // maxConnections and maxSettingsPerWindow: ServerLoops, which LabServer applies
  }
}
