package pubsys.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing requests and rendering answers in each AWS wire protocol the emulator speaks. */
final class Wire {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern BLOCK = Pattern.compile("/snapshots/([^/]+)/blocks/(\\d+)");
    private static final Pattern COMPLETION = Pattern.compile("/snapshots/completion/([^/]+)");

    /** A request reduced to its action, flat parameters and (for text protocols) body. */
    record Parsed(String action, Map<String, String> params, String text, byte[] payload) {
    }

    private Wire() {
    }

    static Parsed parse(String service, Request request) {
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
        return switch (service) {
            case "ec2", "sts" -> {
                String text = new String(body, StandardCharsets.UTF_8);
                Map<String, String> params = form(text);
                yield new Parsed(params.getOrDefault("Action", "?"), params, text, body);
            }
            case "ssm" -> {
                String target = request.getHeader("X-Amz-Target");
                String text = new String(body, StandardCharsets.UTF_8);
                yield new Parsed(target == null ? "?" : target.substring(target.indexOf('.') + 1), jsonParams(text),
                        text, body);
            }
            case "ebs" -> ebs(request, body);
            default -> new Parsed("?", Map.of(), "", body);
        };
    }

    private static Parsed ebs(Request request, byte[] body) {
        String path = request.getUrl().replaceFirst("\\?.*", "");
        Map<String, String> params = new LinkedHashMap<>();
        HttpHeaders headers = request.getHeaders();
        for (HttpHeader h : headers.all()) {
            String name = h.key();
            if (name.toLowerCase().startsWith("x-amz-") && !name.equalsIgnoreCase("x-amz-date")
                    && !name.toLowerCase().startsWith("x-amz-content") && !name.equalsIgnoreCase("x-amz-security-token")
                    && !name.toLowerCase().startsWith("x-amz-decoded")) {
                params.put(camel(name.substring("x-amz-".length())), h.firstValue());
            }
        }
        Matcher block = BLOCK.matcher(path);
        Matcher completion = COMPLETION.matcher(path);
        byte[] payload = decodeChunked(request, body);
        if (block.matches()) {
            params.put("SnapshotId", block.group(1));
            params.put("BlockIndex", block.group(2));
            return new Parsed("PutSnapshotBlock", params, "", payload);
        }
        if (completion.matches()) {
            params.put("SnapshotId", completion.group(1));
            return new Parsed("CompleteSnapshot", params, "", payload);
        }
        if (path.equals("/snapshots") && "POST".equals(request.getMethod().getName())) {
            String text = new String(payload, StandardCharsets.UTF_8);
            params.putAll(jsonParams(text));
            return new Parsed("StartSnapshot", params, text, payload);
        }
        return new Parsed(request.getMethod().getName() + " " + path, params, "", payload);
    }

    /** {@code Data-Length} -> {@code DataLength}, {@code ChangedBlocksCount} stays. */
    private static String camel(String header) {
        StringBuilder b = new StringBuilder();
        for (String part : header.split("-")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }

    /** The payload of an {@code aws-chunked} body (SigV4 streaming), or the body itself. */
    private static byte[] decodeChunked(Request request, byte[] body) {
        String encoding = request.getHeader("Content-Encoding");
        if (encoding == null || !encoding.contains("aws-chunked")) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < body.length) {
            int eol = indexOf(body, pos);
            String header = new String(body, pos, eol - pos, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";")[0].trim(), 16);
            pos = eol + 2;
            if (size == 0) {
                break;
            }
            out.write(body, pos, size);
            pos += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return b.length;
    }

    static Map<String, String> form(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    static Map<String, String> jsonParams(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isBlank()) {
            return out;
        }
        try {
            JsonNode root = JSON.readTree(text);
            Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("invalid JSON body: " + e.getMessage());
        }
        return out;
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    static ResponseDefinition ec2(String action, String inner) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action + "Response xmlns=\"" + EC2_NS + "\">"
                + "<requestId>" + UUID.randomUUID() + "</requestId>" + inner + "</" + action + "Response>";
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody(xml).build();
    }

    static ResponseDefinition sts(String action, String inner) {
        String xml = "<" + action + "Response xmlns=\"" + STS_NS + "\"><" + action + "Result>" + inner + "</" + action
                + "Result><ResponseMetadata><RequestId>" + UUID.randomUUID()
                + "</RequestId></ResponseMetadata></" + action + "Response>";
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "text/xml").withBody(xml)
                .build();
    }

    static ResponseDefinition json(int status, String contentType, ObjectNode body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", contentType)
                .withBody(body.toString()).build();
    }

    static ResponseDefinition error(String service, int status, String code, String message) {
        ResponseDefinitionBuilder b = new ResponseDefinitionBuilder().withStatus(status);
        return switch (service) {
            case "ec2" -> b.withHeader("Content-Type", "text/xml").withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Response><Errors><Error><Code>" + esc(code) + "</Code><Message>" + esc(message)
                    + "</Message></Error></Errors><RequestID>" + UUID.randomUUID() + "</RequestID></Response>").build();
            case "sts" -> b.withHeader("Content-Type", "text/xml").withBody("<ErrorResponse xmlns=\"" + STS_NS
                    + "\"><Error><Type>Sender</Type><Code>" + esc(code) + "</Code><Message>" + esc(message)
                    + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>").build();
            case "ebs" -> b.withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", code)
                    .withBody(JSON.createObjectNode().put("Message", message).put("message", message).toString())
                    .build();
            default -> b.withHeader("Content-Type", "application/x-amz-json-1.1").withBody(JSON.createObjectNode()
                    .put("__type", code).put("message", message).toString()).build();
        };
    }

    static ResponseDefinition plainError(int status, String message) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "text/plain")
                .withBody(message).build();
    }
}
