package lab.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Hands the subject of the client's certificate (mutual TLS) to the handler through the call's
 * Context. The TLS handshake already proved the client holds the certificate's private key and
 * that a trusted CA signed it; the transport exposes that session as a call attribute.
 */
public final class ClientCertificateIdentity implements ServerInterceptor {
  /** The verified client certificate's subject, e.g. "CN=alice"; "" without one. */
  public static final Context.Key<String> SUBJECT = Context.keyWithDefault("cert-subject", "");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Context context = Context.current().withValue(SUBJECT, subjectOf(call));
    return Contexts.interceptCall(context, call, headers, next);
  }

  private static String subjectOf(ServerCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return ""; // plaintext connection
    }
    try {
      var leaf = (X509Certificate) session.getPeerCertificates()[0];
      return leaf.getSubjectX500Principal().getName();
    } catch (SSLPeerUnverifiedException noClientCertificate) {
      return ""; // TLS without client authentication
    }
  }
}
