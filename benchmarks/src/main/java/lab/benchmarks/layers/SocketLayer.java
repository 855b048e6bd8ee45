package lab.benchmarks.layers;

import lab.benchmarks.support.RawSocketPeer;

/** The existing baseline as a layer: RawSocketPeer's blocking streams, read on this thread. */
final class SocketLayer implements Layer {
  private final RawSocketPeer peer = new RawSocketPeer(false);
  private byte[] payload = new byte[0];

  SocketLayer() throws Exception {}

  @Override
  public Received stream(int count, int size) throws Exception {
    if (payload.length < size) {
      payload = new byte[size];
    }
    peer.out.writeInt(count);
    peer.out.writeInt(size);
    peer.out.flush();
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      bytes += RawSocketPeer.readFrame(peer.in, payload);
    }
    return new Received(count, bytes);
  }

  @Override
  public void close() throws Exception {
    peer.close();
  }
}
