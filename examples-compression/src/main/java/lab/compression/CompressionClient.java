package lab.compression;

import io.grpc.Codec;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import lab.common.Flags;
import lab.common.Main;
import lab.idioms.LabChannel;
import lab.proto.compression.DownloadRequest;
import lab.proto.compression.Payload;
import lab.proto.compression.PayloadKind;
import lab.proto.compression.PayloadServiceGrpc;
import lab.proto.compression.PayloadServiceGrpc.PayloadServiceBlockingStub;

/**
 * Makes the same calls with and without compression against a running CompressionServer and
 * prints what each weighed on the wire, as the client's stream tracer measured it.
 *
 * <p>Flags: {@code --target host:port} (default localhost:50057), {@code --size N} (payload
 * bytes, default 65536).
 */
public final class CompressionClient {
  private static final Metadata.Key<String> ENCODING =
      Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ACCEPT_ENCODING =
      Metadata.Key.of("grpc-accept-encoding", Metadata.ASCII_STRING_MARSHALLER);

  private final AtomicReference<CallBytes> lastCall = new AtomicReference<>();
  private final AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
  private final AtomicReference<Metadata> trailers = new AtomicReference<>();

  static final String USAGE = "usage: ./run examples-compression CompressionClient"
      + " [--target HOST:PORT] [--size N]";

  static final String START_SERVER = "./run examples-compression CompressionServer";

  private final PrintStream out;

  private CompressionClient(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, START_SERVER, flags -> run(flags, System.out));
  }

  /** The main's body: every call, and what it weighed on the wire, printed on {@code out}. */
  static void run(Flags flags, PrintStream out) throws InterruptedException {
    String target = flags.target(CompressionServer.DEFAULT_PORT);
    int size = flags.integer("size", 65_536);
    if (size < 1 || size > Payloads.MAX_SIZE_BYTES) {
      // A flag the user got wrong: Main prints this and the usage, and exits 2.
      throw new Flags.UsageException("--size must be 1.." + Payloads.MAX_SIZE_BYTES
          + ", got: " + size);
    }
    // A client can only send what its own CompressorRegistry knows: gzip is built in,
    // deflate is ours, so that step 3 can ask the server for something it lacks.
    CompressorRegistry compressors = CompressorRegistry.newEmptyInstance();
    compressors.register(new Codec.Gzip());
    compressors.register(new DeflateCodec());
    try (var lab = new LabChannel(ManagedChannelBuilder.forTarget(target).usePlaintext()
             .compressorRegistry(compressors).build());
         // Decompresses nothing, so it advertises nothing in grpc-accept-encoding.
         var plainOnly = new LabChannel(ManagedChannelBuilder.forTarget(target).usePlaintext()
             .decompressorRegistry(DecompressorRegistry.emptyInstance()
                 .with(Codec.Identity.NONE, false))
             .build())) {
      new CompressionClient(out).calls(lab, plainOnly, size);
    }
  }

  private void calls(LabChannel lab, LabChannel plainOnly, int size) {
    Payload text = Payload.newBuilder().setKind(PayloadKind.TEXT)
        .setData(Payloads.text(size)).build();
    Payload random = Payload.newBuilder().setKind(PayloadKind.RANDOM)
        .setData(Payloads.random(size)).build();

    out.println("1. Client to server: compression chosen per call (withCompression)");
    sent("Upload TEXT, gzip", () -> stub(lab).withCompression("gzip").upload(text));
    sent("Upload TEXT, no compression", () -> stub(lab).upload(text));
    sent("Upload RANDOM, gzip", () -> stub(lab).withCompression("gzip").upload(random));
    sent("Upload 2 bytes of data, gzip", () -> stub(lab).withCompression("gzip").upload(
        Payload.newBuilder().setData(Payloads.text(2)).build()));

    out.println("2. Server to client: the server gzips Download responses");
    DownloadRequest textRequest = DownloadRequest.newBuilder()
        .setKind(PayloadKind.TEXT).setSizeBytes(size).build();
    received("Download TEXT", () -> stub(lab).download(textRequest));
    received("Download RANDOM (the handler skips gzip)", () -> stub(lab).download(
        textRequest.toBuilder().setKind(PayloadKind.RANDOM).build()));
    received("Download TEXT, client accepts no gzip", () ->
        stub(plainOnly).download(textRequest));

    out.println("3. An encoding the server does not support");
    try {
      sent("Upload TEXT, deflate", () -> stub(lab).withCompression("deflate").upload(text));
    } catch (StatusRuntimeException e) {
      out.println("   Upload TEXT, deflate -> " + e.getStatus().getCode() + ": "
          + e.getStatus().getDescription() + "; grpc-accept-encoding in the reply: "
          + (e.getTrailers() == null ? null : e.getTrailers().get(ACCEPT_ENCODING)));
    }
    sent("Upload TEXT, gzip (the server still serves)", () -> stub(lab).withCompression("gzip")
        .upload(text));
    out.println("   the server's grpc-accept-encoding: "
        + responseHeaders.get().get(ACCEPT_ENCODING));
  }

  /** A stub for one call: a fresh deadline, and its sizes and headers recorded. */
  private PayloadServiceBlockingStub stub(LabChannel channel) {
    return PayloadServiceGrpc.newBlockingStub(channel.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .withInterceptors(
        new ClientWireSizes(lastCall::set),
        MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, trailers));
  }

  // Runnable, not Supplier: the response itself is not printed, only what it weighed.
  private void sent(String label, Runnable call) {
    call.run();
    CallBytes bytes = lastCall.get();
    out.printf(Locale.ROOT, "   %-46s sent %,9d bytes on the wire for %,9d (%5.1f%%)%n",
        label, bytes.sentWire(), bytes.sentUncompressed(), 100 * bytes.sentRatio());
  }

  private void received(String label, Runnable call) {
    call.run();
    CallBytes bytes = lastCall.get();
    out.printf(Locale.ROOT, "   %-46s got  %,9d bytes on the wire for %,9d (%5.1f%%), grpc-encoding: %s%n",
        label, bytes.receivedWire(), bytes.receivedUncompressed(), 100 * bytes.receivedRatio(),
        responseHeaders.get().get(ENCODING));
  }
}
