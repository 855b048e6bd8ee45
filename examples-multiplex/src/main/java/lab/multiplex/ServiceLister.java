package lab.multiplex;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What {@code grpcurl list} does: asks the server's reflection service (itself a gRPC
 * service, a bidirectional stream) which services it hosts.
 */
public final class ServiceLister {
  private ServiceLister() {}

  /** The fully qualified service names the server hosts, sorted. */
  public static List<String> listServices(Channel channel)
      throws InterruptedException, ExecutionException, TimeoutException {
    var names = new CompletableFuture<List<String>>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse response) {
            if (response.hasErrorResponse()) {
              names.completeExceptionally(Status.fromCodeValue(
                  response.getErrorResponse().getErrorCode())
                  .withDescription(response.getErrorResponse().getErrorMessage())
                  .asRuntimeException());
              return;
            }
            names.complete(response.getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).sorted().toList());
          }

          @Override
          public void onError(Throwable t) {
            names.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
    requests.onCompleted();
    return names.get(10, TimeUnit.SECONDS);
  }
}
