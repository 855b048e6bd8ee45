package lab.contracts;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.common.Main;
import lab.services.proxy.ProxyRegistry;

/**
 * A generic proxy in front of a catalog server (or any gRPC server): it forwards every method
 * it is asked for to {@code --backend} without knowing the contract, so v1 and v2 clients both
 * pass through it unchanged. It has no reflection service of its own: reflection calls are
 * forwarded too, and grpcurl through the proxy sees the backend's services.
 */
public final class ContractProxy {
  public static final int DEFAULT_PORT = 50101;
  static final String USAGE = "usage: ./run examples-contracts ContractProxy [--port N]"
      + " [--backend HOST:PORT]";

  private ContractProxy() {}

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      String backend = flags.string("backend", "localhost:" + ContractServer.DEFAULT_PORT);
      ManagedChannel channel = NettyChannelBuilder.forTarget(backend).usePlaintext().build();
      try {
        LabServer server = start(flags.port(DEFAULT_PORT), channel);
        System.err.println("proxy forwarding every method to " + backend);
        server.blockUntilShutdown();
      } finally {
        channel.shutdownNow();
        channel.awaitTermination(10, TimeUnit.SECONDS);
      }
    });
  }

  /** A proxy on {@code port} forwarding to {@code backend}, on the lab's hardened server. */
  static LabServer start(int port, ManagedChannel backend) throws java.io.IOException {
    return LabServer.onPort(port).withoutReflection()
        .configure(netty -> netty.fallbackHandlerRegistry(new ProxyRegistry(backend)))
        .start();
  }
}
