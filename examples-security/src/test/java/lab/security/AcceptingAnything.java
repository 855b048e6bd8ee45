package lab.security;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/** What {@code -insecure} does: any server certificate is accepted; the last one is kept. */
final class AcceptingAnything implements X509TrustManager {
  volatile X509Certificate seen;

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    seen = chain[0];
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    throw new UnsupportedOperationException("a client's trust manager");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
