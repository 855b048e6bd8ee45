package lab.check;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server under check: where it is and how to reach it, as a gRPC channel (for the calls a
 * real client makes) or as a bare socket (for the frames none does). With TLS both trust the
 * same certificates and both ask for h2 by ALPN.
 *
 * @param trust null for plaintext, else the trust managers for the server's certificate
 */
public record Target(String host, int port, TrustManager[] trust) {
  static final int CONNECT_TIMEOUT_MS = 10_000;

  public static Target plaintext(String host, int port) {
    return new Target(host, port, null);
  }

  /** TLS trusting the certificates in {@code caPem}, or the JDK's own when it is null. */
  public static Target tls(String host, int port, Path caPem)
      throws IOException, GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (caPem == null) {
      factory.init((KeyStore) null);
    } else {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      try (InputStream in = Files.newInputStream(caPem)) {
        int n = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          store.setCertificateEntry("ca" + n++, c);
        }
      }
      factory.init(store);
    }
    return new Target(host, port, factory.getTrustManagers());
  }

  /** TLS that accepts any certificate for any name: for a server under test, never in use. */
  public static Target insecureTls(String host, int port) {
    return new Target(host, port, new TrustManager[] {new TrustingAnything()});
  }

  public boolean tlsOn() {
    return trust != null;
  }

  public String authority() {
    return host + ":" + port;
  }

  /** True if every address the host name has is this machine's own (127.0.0.0/8, ::1). */
  public boolean isLoopback() {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A gRPC channel to the server; the caller shuts it down. */
  public ManagedChannel channel() {
    ChannelCredentials credentials = tlsOn()
        ? TlsChannelCredentials.newBuilder().trustManager(trust).build()
        : InsecureChannelCredentials.create();
    return NettyChannelBuilder.forAddress(host, port, credentials)
        .maxInboundMessageSize(16 * 1024 * 1024).build();
  }

  /** A connected socket, past the TLS handshake (ALPN h2) when TLS is on. */
  public Socket socket() throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
    if (!tlsOn()) {
      return plain;
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust, null);
      SSLSocket tls = (SSLSocket) context.getSocketFactory()
          .createSocket(plain, host, port, true);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2"});
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);
      tls.setSoTimeout(CONNECT_TIMEOUT_MS);
      tls.startHandshake();
      tls.setSoTimeout(0);
      return tls;
    } catch (GeneralSecurityException e) {
      plain.close();
      throw new IOException("cannot set up TLS", e);
    }
  }

  /** A raw HTTP/2 connection with the client's default SETTINGS. */
  public H2Connection h2() throws IOException {
    return H2Connection.start(socket(), Map.of());
  }

  /** The request headers of a gRPC call to {@code path} ("/package.Service/Method"). */
  public Http2Headers grpcHeaders(String path) {
    return new DefaultHttp2Headers().method("POST").scheme(tlsOn() ? "https" : "http").path(path)
        .authority(authority()).add("content-type", "application/grpc").add("te", "trailers");
  }

  /** Trusts every certificate and name: what --insecure asks for. */
  private static final class TrustingAnything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) { }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) { }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
