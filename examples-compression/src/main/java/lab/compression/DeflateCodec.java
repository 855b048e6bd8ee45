package lab.compression;

import io.grpc.Codec;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The "deflate" message encoding (zlib format, as HTTP and gRPC mean it). grpc-java ships only
 * gzip and identity; this codec lets the lesson show what happens when a client compresses with
 * an encoding the server does not know, and how registering it on the server fixes that.
 */
public final class DeflateCodec implements Codec {

  @Override
  public String getMessageEncoding() {
    return "deflate";
  }

  @Override
  public OutputStream compress(OutputStream os) {
    return new DeflaterOutputStream(os);
  }

  @Override
  public InputStream decompress(InputStream is) {
    return new InflaterInputStream(is);
  }
}
