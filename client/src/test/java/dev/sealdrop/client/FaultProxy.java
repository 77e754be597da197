package dev.sealdrop.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 proxy in front of the test server that injects faults into chosen requests: answer
 * 503 without forwarding, cut the connection in the middle of a request body, lose the response
 * after the server processed the request, or cut a response after some bytes. Every forwarded
 * request gets {@code Connection: close}, so each request uses its own connection and meets its own
 * scripted fault. Requests are recorded (method, path, selected headers) for assertions.
 */
final class FaultProxy implements Closeable {

	/** What happens to one request. */
	sealed interface Fault permits Pass, Status, DropRequest, LoseResponse, DropResponse, ForgeSha256 {
	}

	/** Forward as is. */
	record Pass() implements Fault {
	}

	/** Answer with this status (and Retry-After: 0) without forwarding; the request body is read first. */
	record Status(int status) implements Fault {
	}

	/** Forward the head and {@code bodyBytes} of the body, then cut both connections. */
	record DropRequest(long bodyBytes) implements Fault {
	}

	/** Forward the whole request, wait for the server's answer, then cut the client's connection. */
	record LoseResponse() implements Fault {
	}

	/** Forward everything but cut the response to the client after {@code bytes} bytes (head included). */
	record DropResponse(long bytes) implements Fault {
	}

	/** Forward everything, but replace every {@code "sha256":"<hex>"} in the response with zeros (same length). */
	record ForgeSha256() implements Fault {
	}

	/** A request as the proxy saw it. */
	record Seen(String method, String path, Map<String, String> headers) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	private final int upstreamPort;

	private final ServerSocket socket;

	private final Map<String, Deque<Fault>> scripts = new LinkedHashMap<>();

	private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

	private volatile boolean closed;

	FaultProxy(int upstreamPort) throws IOException {
		this.upstreamPort = upstreamPort;
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::acceptLoop, "fault-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.socket.getLocalPort();
	}

	/** Faults for the next requests whose "METHOD path" starts with {@code prefix}, in order; then Pass. */
	synchronized FaultProxy script(String prefix, Fault... faults) {
		this.scripts.computeIfAbsent(prefix, (key) -> new ArrayDeque<>()).addAll(List.of(faults));
		return this;
	}

	/** Forgets all faults not yet used. */
	synchronized void clear() {
		this.scripts.clear();
	}

	/** Requests seen so far whose "METHOD path" starts with {@code prefix}. */
	List<Seen> seen(String prefix) {
		synchronized (this.seen) {
			return this.seen.stream().filter((s) -> (s.method() + " " + s.path()).startsWith(prefix)).toList();
		}
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		this.socket.close();
	}

	private synchronized Fault next(String request) {
		for (Map.Entry<String, Deque<Fault>> script : this.scripts.entrySet()) {
			if (request.startsWith(script.getKey()) && !script.getValue().isEmpty()) {
				return script.getValue().poll();
			}
		}
		return new Pass();
	}

	private void acceptLoop() {
		while (!this.closed) {
			try {
				Socket client = this.socket.accept();
				Thread handler = new Thread(() -> handle(client), "fault-proxy-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void handle(Socket client) {
		try (client) {
			InputStream in = client.getInputStream();
			String head = readHead(in);
			if (head == null) {
				return;
			}
			String[] lines = head.split("\r\n");
			String[] requestLine = lines[0].split(" ");
			Map<String, String> headers = new LinkedHashMap<>();
			StringBuilder forwarded = new StringBuilder(lines[0]).append("\r\n");
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
				headers.put(name, lines[i].substring(colon + 1).trim());
				if (!name.equals("connection")) {
					forwarded.append(lines[i]).append("\r\n");
				}
			}
			forwarded.append("Connection: close\r\n\r\n");
			String path = requestLine[1];
			this.seen.add(new Seen(requestLine[0], path, headers));
			Fault fault = next(requestLine[0] + " " + path);
			if (fault instanceof Status status) {
				drainBody(in, headers);
				String body = "{\"type\":\"urn:sealdrop:problem:injected\",\"title\":\"Injected by the test proxy\",\"status\":"
						+ status.status() + "}";
				String response = "HTTP/1.1 " + status.status() + " Injected\r\nContent-Type: application/problem+json\r\n"
						+ "Retry-After: 0\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
				client.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
				client.getOutputStream().flush();
				return;
			}
			try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.upstreamPort)) {
				OutputStream toServer = upstream.getOutputStream();
				toServer.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
				if (fault instanceof DropRequest drop) {
					copy(in, toServer, drop.bodyBytes());
					toServer.flush();
					abort(upstream);
					abort(client);
					return;
				}
				Thread body = new Thread(() -> {
					try {
						copy(in, toServer, Long.MAX_VALUE);
					}
					catch (IOException ex) {
						// The exchange ended.
					}
				}, "fault-proxy-body");
				body.setDaemon(true);
				body.start();
				InputStream fromServer = upstream.getInputStream();
				if (fault instanceof LoseResponse) {
					readHead(fromServer);
					abort(client);
					return;
				}
				if (fault instanceof ForgeSha256) {
					String response = new String(fromServer.readAllBytes(), StandardCharsets.ISO_8859_1);
					String forged = response.replaceAll("\"sha256\":\"[0-9a-f]{64}\"", "\"sha256\":\"" + "0".repeat(64) + "\"");
					client.getOutputStream().write(forged.getBytes(StandardCharsets.ISO_8859_1));
					client.getOutputStream().flush();
					return;
				}
				long limit = (fault instanceof DropResponse dropResponse) ? dropResponse.bytes() : Long.MAX_VALUE;
				copy(fromServer, client.getOutputStream(), limit);
				client.getOutputStream().flush();
				if (fault instanceof DropResponse) {
					abort(client);
				}
			}
		}
		catch (IOException ex) {
			// A connection we were told to break, or the client went away.
		}
	}

	private static void abort(Socket socket) throws IOException {
		socket.setSoLinger(true, 0);
		socket.close();
	}

	private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
		byte[] buffer = new byte[16 * 1024];
		long copied = 0;
		while (copied < limit) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
			if (n < 0) {
				break;
			}
			out.write(buffer, 0, n);
			copied += n;
		}
		return copied;
	}

	/** The head up to (without) the empty line, or null at end of stream. */
	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		for (int b; (b = in.read()) != -1;) {
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
			if (matched == 4) {
				byte[] bytes = head.toByteArray();
				return new String(bytes, 0, bytes.length - 4, StandardCharsets.ISO_8859_1);
			}
		}
		return null;
	}

	private static void drainBody(InputStream in, Map<String, String> headers) throws IOException {
		String length = headers.get("content-length");
		if (length != null) {
			in.skipNBytes(Long.parseLong(length));
			return;
		}
		if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
			while (true) {
				String sizeLine = readLine(in);
				int semicolon = sizeLine.indexOf(';');
				long size = Long.parseLong((semicolon < 0) ? sizeLine.trim() : sizeLine.substring(0, semicolon).trim(), 16);
				if (size == 0) {
					while (!readLine(in).isEmpty()) {
						// trailer fields
					}
					return;
				}
				in.skipNBytes(size);
				readLine(in);
			}
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b; (b = in.read()) != -1;) {
			if (b == '\n') {
				break;
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

}
