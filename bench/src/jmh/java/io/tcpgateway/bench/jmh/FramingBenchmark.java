package io.tcpgateway.bench.jmh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.tcpgateway.framing.FrameDecoder;
import io.tcpgateway.framing.FrameDecodingException;
import io.tcpgateway.framing.Framing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;

/**
 * The gateway's non-blocking frame decoders against Spring Integration's deserializers,
 * on the same bytes: one read holding many 64-byte frames (scores are frames per second),
 * and one large frame arriving in several reads (scores are frames per second too, one
 * frame per operation).
 *
 * <p>
 * The deserializers read from an unsynchronized in-memory stream, so that only their own
 * work is measured, not the socket stream the blocking mode would give them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FramingBenchmark {

	/** Frames in the read of the many-frames case. */
	static final int FRAMES_PER_READ = 256;

	static final int SMALL_PAYLOAD = 64;

	static final int LARGE_PAYLOAD = 60 * 1024;

	/** Bytes per read in the large-frame case, a typical socket read. */
	static final int READ_SIZE = 8 * 1024;

	static final int MAX_MESSAGE_SIZE = 64 * 1024;

	@Param({ "CRLF", "LF", "LENGTH_HEADER_4" })
	public String framing;

	private FrameDecoder decoder;

	private AbstractByteArraySerializer codec;

	private ByteBuffer manyFrames;

	private ByteBuffer[] largeFrameReads;

	private BytesInput manyFramesInput;

	private BytesInput largeFrameInput;

	private Consumer<byte[]> sink;

	@Setup(Level.Trial)
	public void setUp(Blackhole blackhole) {
		Framing framing = Framing.valueOf(this.framing);
		this.decoder = framing.newDecoder(MAX_MESSAGE_SIZE);
		this.codec = framing.codec(MAX_MESSAGE_SIZE);
		this.sink = blackhole::consume;
		byte[] many = encode(FRAMES_PER_READ, SMALL_PAYLOAD);
		this.manyFrames = ByteBuffer.wrap(many);
		this.manyFramesInput = new BytesInput(many);
		byte[] large = encode(1, LARGE_PAYLOAD);
		this.largeFrameInput = new BytesInput(large);
		int reads = (large.length + READ_SIZE - 1) / READ_SIZE;
		this.largeFrameReads = new ByteBuffer[reads];
		for (int i = 0; i < reads; i++) {
			int from = i * READ_SIZE;
			this.largeFrameReads[i] = ByteBuffer
				.wrap(Arrays.copyOfRange(large, from, Math.min(large.length, from + READ_SIZE)));
		}
	}

	private byte[] encode(int frames, int payloadSize) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] payload = new byte[payloadSize];
		try {
			for (int i = 0; i < frames; i++) {
				// Printable bytes without CR or LF, different in every frame.
				Arrays.fill(payload, (byte) ('a' + i % 26));
				this.codec.serialize(payload, bytes);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	@Benchmark
	@OperationsPerInvocation(FRAMES_PER_READ)
	public void decoderManyFrames() throws FrameDecodingException {
		this.manyFrames.clear();
		this.decoder.decode(this.manyFrames, this.sink);
	}

	@Benchmark
	@OperationsPerInvocation(FRAMES_PER_READ)
	public void deserializerManyFrames(Blackhole blackhole) throws IOException {
		this.manyFramesInput.rewind();
		for (int i = 0; i < FRAMES_PER_READ; i++) {
			blackhole.consume(this.codec.deserialize(this.manyFramesInput));
		}
	}

	@Benchmark
	public void decoderLargeFrame() throws FrameDecodingException {
		for (ByteBuffer read : this.largeFrameReads) {
			read.clear();
			this.decoder.decode(read, this.sink);
		}
	}

	@Benchmark
	public byte[] deserializerLargeFrame() throws IOException {
		this.largeFrameInput.rewind();
		return this.codec.deserialize(this.largeFrameInput);
	}

	/**
	 * An in-memory stream without the locking of {@link java.io.ByteArrayInputStream}.
	 */
	static final class BytesInput extends InputStream {

		private final byte[] bytes;

		private int position;

		BytesInput(byte[] bytes) {
			this.bytes = bytes;
		}

		void rewind() {
			this.position = 0;
		}

		@Override
		public int read() {
			return (this.position < this.bytes.length) ? this.bytes[this.position++] & 0xff : -1;
		}

		@Override
		public int read(byte[] target, int offset, int length) {
			if (this.position >= this.bytes.length) {
				return -1;
			}
			int count = Math.min(length, this.bytes.length - this.position);
			System.arraycopy(this.bytes, this.position, target, offset, count);
			this.position += count;
			return count;
		}

		@Override
		public int available() {
			return this.bytes.length - this.position;
		}

	}

}
