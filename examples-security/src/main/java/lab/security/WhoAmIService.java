package lab.security;

import io.grpc.stub.StreamObserver;
import lab.proto.security.Identity;
import lab.proto.security.WhoAmIGrpc;
import lab.proto.security.WhoAmIRequest;

/** Answers with what the interceptors established about the caller: the handler's view. */
public final class WhoAmIService extends WhoAmIGrpc.WhoAmIImplBase {
  @Override
  public void get(WhoAmIRequest request, StreamObserver<Identity> reply) {
    reply.onNext(Identity.newBuilder()
        .setCertificateSubject(ClientCertificateIdentity.SUBJECT.get())
        .setUser(TokenAuthInterceptor.USER.get())
        .build());
    reply.onCompleted();
  }
}
