package org.cellpath.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a request body far larger than any endpoint takes, as an attacker would, over a plain
 * socket: with a {@code Content-Length} that announces it, or chunked with no length at all. The
 * body is streamed in pieces while the answer is awaited, so the test holds one piece in memory,
 * and it stops sending once the server answers or closes. The body is a JSON object whose one
 * string field ({@code field}) is filled with {@code x} for as long as it takes, so that a JSON
 * reader keeps reading until something stops it; its {@code Content-Type} is JSON unless {@code
 * headers} name another.
 */
public final class OversizedBody {

  /** Fifty megabytes: the attack the limits are there for. */
  public static final long FIFTY_MEGABYTES = 50L * 1024 * 1024;

  /**
   * Far more than any endpoint's limit and the server's own read-ahead: what a refusing server may
   * have read.
   */
  public static final long A_MEGABYTE = 1024L * 1024;

  private static final int PIECE = 64 * 1024;
  private static final int SEND_BUFFER = 64 * 1024;

  /** Linux's default ceiling for a TCP receive buffer, where the machine's own cannot be read. */
  private static final long DEFAULT_RECEIVE_BUFFER_CEILING = 6L * 1024 * 1024;

  private static final int ANSWER_TIMEOUT_MILLIS = 60_000;

  private OversizedBody() {}

  /**
   * The most this sender can have sent when the answer arrives from a server that read at most
   * {@code read} bytes of the body: what the server read, plus what the kernels hold between the
   * two, the sender's send buffer (fixed here, and doubled by Linux) and the server's receive
   * buffer (which the kernel grows up to its ceiling while the server reads). The bound is loose by
   * design: on a machine whose receive ceiling is 32 MB it is 33 MB of the 50, and a server that
   * reads the whole body still breaks it; the servlet-level tests count the bytes read exactly.
   */
  public static long mostSentWhenTheServerRead(long read) {
    return read + 2L * SEND_BUFFER + receiveBufferCeiling();
  }

  private static long receiveBufferCeiling() {
    try {
      String[] tcpRmem =
          Files.readString(Path.of("/proc/sys/net/ipv4/tcp_rmem")).strip().split("\\s+");
      return Math.max(Long.parseLong(tcpRmem[2]), DEFAULT_RECEIVE_BUFFER_CEILING);
    } catch (IOException | RuntimeException notLinux) {
      return DEFAULT_RECEIVE_BUFFER_CEILING;
    }
  }

  /**
   * What came back, and how much of the body had been sent when the answer's first byte arrived.
   *
   * @param headers the answer's header fields, names in lower case
   */
  public record Answer(
      int status, Map<String, String> headers, String body, long bytesSentBeforeAnswer) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** {@code length} bytes announced in {@code Content-Length}, then sent. */
  public static Answer announced(
      int port, String method, String path, Map<String, String> headers, String field, long length)
      throws IOException {
    return send(port, method, path, headers, field, length, false);
  }

  /**
   * {@code length} bytes sent chunked ({@code Transfer-Encoding: chunked}), announcing no length.
   */
  public static Answer chunked(
      int port, String method, String path, Map<String, String> headers, String field, long length)
      throws IOException {
    return send(port, method, path, headers, field, length, true);
  }

  private static Answer send(
      int port,
      String method,
      String path,
      Map<String, String> headers,
      String field,
      long length,
      boolean chunked)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.setSendBufferSize(SEND_BUFFER);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      StringBuilder head =
          new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
      if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
        head.append("Content-Type: application/json\r\n");
      }
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n")
          .append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();

      AtomicLong sent = new AtomicLong();
      Thread sender =
          new Thread(() -> stream(out, field, length, chunked, sent), "oversized-body-sender");
      sender.setDaemon(true);
      sender.start();
      InputStream in = socket.getInputStream();
      int first = in.read();
      long sentBeforeAnswer = sent.get();
      if (first < 0) {
        throw new IOException(
            "The server closed the connection without an answer after "
                + sentBeforeAnswer
                + " bytes");
      }
      Answer answer = read(first, in, sentBeforeAnswer);
      socket.close();
      try {
        sender.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return answer;
    }
  }

  /** The body, until all is sent or the server stops taking it. */
  private static void stream(
      OutputStream out, String field, long length, boolean chunked, AtomicLong sent) {
    byte[] opening = ("{\"" + field + "\":\"").getBytes(StandardCharsets.US_ASCII);
    byte[] closing = "\"}".getBytes(StandardCharsets.US_ASCII);
    byte[] filler = new byte[PIECE];
    Arrays.fill(filler, (byte) 'x');
    try {
      long remaining = length;
      write(out, opening, opening.length, chunked, sent);
      remaining -= opening.length;
      while (remaining > closing.length) {
        int n = (int) Math.min(PIECE, remaining - closing.length);
        write(out, filler, n, chunked, sent);
        remaining -= n;
      }
      write(out, closing, (int) Math.max(0, remaining), chunked, sent);
      if (chunked) {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
    } catch (IOException closed) {
      // The server answered and closed the connection: what the test is waiting for.
    }
  }

  private static void write(OutputStream out, byte[] bytes, int n, boolean chunked, AtomicLong sent)
      throws IOException {
    if (n == 0) {
      return;
    }
    if (chunked) {
      out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
    out.write(bytes, 0, n);
    if (chunked) {
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    sent.addAndGet(n);
  }

  private static Answer read(int first, InputStream in, long sentBeforeAnswer) throws IOException {
    ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
    headBytes.write(first);
    while (!endsWithBlankLine(headBytes)) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("The answer ended inside its header");
      }
      headBytes.write(next);
    }
    String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream chunks = new ByteArrayOutputStream();
      for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
        chunks.write(in.readNBytes(size));
        in.readNBytes(2);
      }
      body = chunks.toByteArray();
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), sentBeforeAnswer);
  }

  private static int chunkSize(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int next = in.read(); next >= 0 && next != '\n'; next = in.read()) {
      if (next != '\r') {
        line.append((char) next);
      }
    }
    String hex = line.toString().split(";")[0].strip();
    return hex.isEmpty() ? 0 : Integer.parseInt(hex, 16);
  }

  private static boolean endsWithBlankLine(ByteArrayOutputStream bytes) {
    byte[] b = bytes.toByteArray();
    int n = b.length;
    return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
  }
}
