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
 */
public record ConnectionLimits(Duration maxConnectionIdle, Duration handshakeTimeout,
    int maxConcurrentCallsPerConnection, int maxHeaderListBytes, Duration keepAliveTime,
    Duration keepAliveTimeout) {

  public static final ConnectionLimits DEFAULT = new ConnectionLimits(Duration.ofMinutes(5),
      Duration.ofSeconds(10), 1_000, 8 * 1024, Duration.ofMinutes(1), Duration.ofSeconds(20));

  public ConnectionLimits withMaxConnectionIdle(Duration idle) {
    return new ConnectionLimits(idle, handshakeTimeout, maxConcurrentCallsPerConnection,
        maxHeaderListBytes, keepAliveTime, keepAliveTimeout);
  }

  public ConnectionLimits withHandshakeTimeout(Duration timeout) {
    return new ConnectionLimits(maxConnectionIdle, timeout, maxConcurrentCallsPerConnection,
        maxHeaderListBytes, keepAliveTime, keepAliveTimeout);
  }

  public ConnectionLimits withKeepAlive(Duration time, Duration timeout) {
    return new ConnectionLimits(maxConnectionIdle, handshakeTimeout,
        maxConcurrentCallsPerConnection, maxHeaderListBytes, time, timeout);
  }

  void applyTo(NettyServerBuilder builder) {
    builder.maxConnectionIdle(maxConnectionIdle.toMillis(), TimeUnit.MILLISECONDS)
        .handshakeTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .maxConcurrentCallsPerConnection(maxConcurrentCallsPerConnection)
        .maxInboundMetadataSize(maxHeaderListBytes)
        .keepAliveTime(keepAliveTime.toMillis(), TimeUnit.MILLISECONDS)
        .keepAliveTimeout(keepAliveTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
