package lab.check;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server's services and methods, asked of its reflection service (grpc.reflection.v1): the
 * names, and which side of each method streams. Only the shape is needed: the checker sends
 * bytes, never messages of the server's types.
 *
 * @param offered whether the server answered reflection at all
 * @param note how reflection went, in a few words
 */
public record Discovery(boolean offered, String note, List<String> services,
    List<Method> methods) {

  /** A method the server serves; its path is "/package.Service/Method". */
  public record Method(String service, String name, boolean clientStreaming,
      boolean serverStreaming) {
    public String path() {
      return "/" + service + "/" + name;
    }

    public String kind() {
      return clientStreaming
          ? (serverStreaming ? "bidi" : "client-streaming")
          : (serverStreaming ? "server-streaming" : "unary");
    }
  }

  /**
   * Methods named by the user (--methods), for a server without reflection: "PATH" or
   * "PATH:KIND", KIND one of unary (the default), server-streaming, client-streaming, bidi.
   */
  public static Discovery named(List<String> specs, String note) {
    List<Method> methods = new ArrayList<>();
    for (String spec : specs) {
      int colon = spec.indexOf(':');
      String path = colon < 0 ? spec : spec.substring(0, colon);
      String kind = colon < 0 ? "unary" : spec.substring(colon + 1);
      String p = path.startsWith("/") ? path.substring(1) : path;
      int slash = p.lastIndexOf('/');
      List<String> kinds = List.of("unary", "server-streaming", "client-streaming", "bidi");
      if (slash <= 0 || !kinds.contains(kind)) {
        throw new IllegalArgumentException("not /package.Service/Method[:KIND] with KIND one of "
            + kinds + ": " + spec);
      }
      boolean clientStreams = kind.equals("client-streaming") || kind.equals("bidi");
      boolean serverStreams = kind.equals("server-streaming") || kind.equals("bidi");
      methods.add(new Method(p.substring(0, slash), p.substring(slash + 1), clientStreams,
          serverStreams));
    }
    return new Discovery(false, note, methods.stream().map(Method::service).distinct().toList(),
        methods);
  }

  /** Asks {@code channel}'s server; never throws for a server without reflection. */
  public static Discovery ask(Channel channel) throws InterruptedException {
    List<String> services = new ArrayList<>();
    List<Method> methods = new ArrayList<>();
    try {
      ServerReflectionResponse list = ask(channel,
          ServerReflectionRequest.newBuilder().setListServices("").build());
      for (ServiceResponse s : list.getListServicesResponse().getServiceList()) {
        services.add(s.getName());
        if (!s.getName().startsWith("grpc.reflection.")) {
          methods.addAll(methodsOf(channel, s.getName()));
        }
      }
      return new Discovery(true, "reflection lists " + services.size() + " services", services,
          methods);
    } catch (ExecutionException | TimeoutException e) {
      Status status = Status.fromThrowable(e.getCause() != null ? e.getCause() : e);
      return new Discovery(false, "no reflection: " + Codes.name(status.getCode())
          + (status.getDescription() == null ? "" : " " + status.getDescription()),
          services, methods);
    }
  }

  private static List<Method> methodsOf(Channel channel, String service)
      throws ExecutionException, TimeoutException, InterruptedException {
    ServerReflectionResponse files = ask(channel,
        ServerReflectionRequest.newBuilder().setFileContainingSymbol(service).build());
    List<Method> methods = new ArrayList<>();
    for (var bytes : files.getFileDescriptorResponse().getFileDescriptorProtoList()) {
      FileDescriptorProto file;
      try {
        file = FileDescriptorProto.parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        throw new ExecutionException("reflection sent a file descriptor that does not parse", e);
      }
      String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
      for (ServiceDescriptorProto s : file.getServiceList()) {
        if ((prefix + s.getName()).equals(service)) {
          for (MethodDescriptorProto m : s.getMethodList()) {
            methods.add(new Method(service, m.getName(), m.getClientStreaming(),
                m.getServerStreaming()));
          }
        }
      }
    }
    return methods;
  }

  /** One request on its own reflection stream, and its one answer (bounded: 10 s). */
  private static ServerReflectionResponse ask(Channel channel, ServerReflectionRequest request)
      throws ExecutionException, TimeoutException, InterruptedException {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse response) {
            answer.complete(response);
          }

          @Override
          public void onError(Throwable t) {
            answer.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
            answer.completeExceptionally(
                Status.INTERNAL.withDescription("reflection ended without an answer")
                    .asRuntimeException());
          }
        });
    requests.onNext(request);
    requests.onCompleted();
    ServerReflectionResponse response = answer.get(15, TimeUnit.SECONDS);
    if (response.hasErrorResponse()) {
      throw new ExecutionException(Status.fromCodeValue(response.getErrorResponse().getErrorCode())
          .withDescription(response.getErrorResponse().getErrorMessage()).asRuntimeException());
    }
    return response;
  }
}
