package dev.planbridge.emulator.soap;

import com.sforce.soap.partner.AllOrNoneHeader_element;
import com.sforce.soap.partner.AllowFieldTruncationHeader_element;
import com.sforce.soap.partner.CallOptions_element;
import com.sforce.soap.partner.QueryOptions_element;
import com.sforce.soap.partner.SessionHeader_element;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.bind.TypeMapper;
import com.sforce.ws.bind.XMLizable;
import com.sforce.ws.parser.PullParserException;
import com.sforce.ws.parser.XmlInputStream;
import com.sforce.ws.parser.XmlOutputStream;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.planbridge.emulator.ApiFaultException;
import dev.planbridge.emulator.FaultRule;
import dev.planbridge.emulator.SalesforceEmulator;

import javax.xml.namespace.QName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * HTTP transport of the SOAP Partner API at {@code /services/Soap/u/{version}[/{orgId}]}: gzip in and out, envelope
 * and header parsing with the WSC binding classes, limits and injected faults, and fault envelopes WSC maps to its
 * typed exceptions. The calls themselves are in {@link PartnerService}.
 */
public final class SoapEndpoint implements HttpHandler {

    static final String SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String PARTNER_NS = "urn:partner.soap.sforce.com";
    static final String SOBJECT_NS = "urn:sobject.partner.soap.sforce.com";
    static final String FAULT_NS = "urn:fault.partner.soap.sforce.com";
    static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    static final String XSD_NS = "http://www.w3.org/2001/XMLSchema";

    private static final Logger LOG = Logger.getLogger(SoapEndpoint.class.getName());
    private static final Pattern PATH = Pattern.compile("/services/Soap/u/(\\d{2})\\.(\\d)(?:/([A-Za-z0-9]{15,18}))?/?");

    private final SalesforceEmulator emulator;
    private final PartnerService service;

    public SoapEndpoint(SalesforceEmulator emulator) {
        this.emulator = emulator;
        this.service = new PartnerService(emulator, new QueryCursors(java.time.Clock.systemUTC(),
                emulator.config().queryLocatorIdleTimeout()));
    }

    public PartnerService service() {
        return service;
    }

    /** Parsed SOAP headers the emulator honours; unknown headers are skipped. */
    static final class Headers {
        String sessionId;
        Integer batchSize;
        boolean allOrNone;
        boolean allowFieldTruncation;
        String client;
        /** From the URL: decides which elements and fields the client knows. */
        double apiVersion = dev.planbridge.emulator.org.OrgSchema.LATEST_API_VERSION;
    }

    /** One parsed request. */
    record SoapRequest(double apiVersion, String baseUrl, Headers headers, String call, XmlInputStream body) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                sendPlain(exchange, 405, "SOAP requests must use POST");
                return;
            }
            Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
            if (!matcher.matches()) {
                sendPlain(exchange, 404, "Not found: " + exchange.getRequestURI().getPath());
                return;
            }
            double version = Double.parseDouble(matcher.group(1) + "." + matcher.group(2));
            boolean gzipResponse = acceptsGzip(exchange);
            byte[] response;
            int status = 200;
            PartnerService.Outcome outcome = null;
            String call = null;
            try {
                if (version < 40.0 || version > 66.0) {
                    throw ApiFaultException.unexpected("UNSUPPORTED_API_VERSION",
                            "Invalid Api version specified on URL: " + matcher.group(1) + "." + matcher.group(2));
                }
                SoapRequest request = parse(exchange, version);
                call = request.call();
                // Territory model activation runs in the background in Salesforce: finish what is due first.
                emulator.org().completeTerritoryModelJobs();
                outcome = service.execute(request);
                response = envelope(outcome.responseName(), outcome.response(), version);
            } catch (ApiFaultException fault) {
                emulator.counters().recordFault(fault.exceptionCode());
                status = 500;
                response = faultEnvelope(fault);
            } catch (ClientFault fault) {
                status = 500;
                response = clientFaultEnvelope(fault.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "unexpected error in SOAP call " + call, e);
                emulator.counters().recordFault("UNKNOWN_EXCEPTION");
                status = 500;
                response = faultEnvelope(ApiFaultException.unexpected("UNKNOWN_EXCEPTION",
                        "An unexpected error occurred. Please include this ErrorId if you contact support: "
                                + Integer.toHexString(e.hashCode())));
            }
            if (outcome != null && outcome.injected() == FaultRule.Type.HTTP_503) {
                sendPlain(exchange, 503, "Service Unavailable");
                return;
            }
            send(exchange, status, response, gzipResponse, outcome != null
                    && outcome.injected() == FaultRule.Type.DROP_CONNECTION);
        }
    }

    /** A malformed request (not a Salesforce fault): soapenv:Client. */
    static final class ClientFault extends RuntimeException {
        ClientFault(String message) {
            super(message);
        }
    }

    private SoapRequest parse(HttpExchange exchange, double version) throws IOException {
        InputStream raw = exchange.getRequestBody();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        InputStream in = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")
                ? new GZIPInputStream(raw) : raw;
        byte[] body = in.readAllBytes();
        XmlInputStream xin = new XmlInputStream();
        try {
            xin.setInput(new java.io.ByteArrayInputStream(body), "UTF-8");
            xin.nextTag();
            expect(xin, SOAP_ENV_NS, "Envelope");
            xin.nextTag();
            Headers headers = new Headers();
            headers.apiVersion = version;
            if (SOAP_ENV_NS.equals(xin.getNamespace()) && "Header".equals(xin.getName())) {
                readHeaders(xin, headers);
                xin.nextTag();
            }
            expect(xin, SOAP_ENV_NS, "Body");
            xin.peekTag();
            if (xin.getEventType() != XmlInputStream.START_TAG) {
                throw new ClientFault("The SOAP Body holds no operation");
            }
            if (!PARTNER_NS.equals(xin.getNamespace())) {
                throw new ClientFault("No operation available for request {" + xin.getNamespace() + "}"
                        + xin.getName() + "; this endpoint serves the Partner API (" + PARTNER_NS + ")");
            }
            return new SoapRequest(version, baseUrl(exchange), headers, xin.getName(), xin);
        } catch (PullParserException | ConnectionException e) {
            throw new ClientFault("Malformed SOAP request: " + e.getMessage());
        }
    }

    private static void expect(XmlInputStream xin, String namespace, String name) {
        if (!namespace.equals(xin.getNamespace()) || !name.equals(xin.getName())) {
            throw new ClientFault("Expected {" + namespace + "}" + name + " but found {" + xin.getNamespace() + "}"
                    + xin.getName());
        }
    }

    private void readHeaders(XmlInputStream xin, Headers headers) throws IOException, ConnectionException {
        TypeMapper mapper = PartnerService.typeMapper();
        while (true) {
            xin.peekTag();
            if (xin.getEventType() == XmlInputStream.END_TAG) {
                xin.next();
                return;
            }
            String name = xin.getName();
            boolean partner = PARTNER_NS.equals(xin.getNamespace());
            switch (partner ? name : "") {
                case "SessionHeader" -> {
                    SessionHeader_element header = new SessionHeader_element();
                    header.load(xin, mapper);
                    headers.sessionId = header.getSessionId();
                }
                case "QueryOptions" -> {
                    QueryOptions_element header = new QueryOptions_element();
                    header.load(xin, mapper);
                    headers.batchSize = header.getBatchSize();
                }
                case "AllOrNoneHeader" -> {
                    AllOrNoneHeader_element header = new AllOrNoneHeader_element();
                    header.load(xin, mapper);
                    headers.allOrNone = header.getAllOrNone();
                }
                case "AllowFieldTruncationHeader" -> {
                    AllowFieldTruncationHeader_element header = new AllowFieldTruncationHeader_element();
                    header.load(xin, mapper);
                    headers.allowFieldTruncation = header.getAllowFieldTruncation();
                }
                case "CallOptions" -> {
                    CallOptions_element header = new CallOptions_element();
                    header.load(xin, mapper);
                    headers.client = header.getClient();
                }
                default -> skipElement(xin);
            }
        }
    }

    /** Consumes the element at the cursor (peeked start tag) with everything inside it. */
    static void skipElement(XmlInputStream xin) throws IOException, ConnectionException {
        xin.next();
        int depth = 1;
        while (depth > 0) {
            int event = xin.next();
            if (event == XmlInputStream.START_TAG) {
                depth++;
            } else if (event == XmlInputStream.END_TAG) {
                depth--;
            } else if (event == XmlInputStream.END_DOCUMENT) {
                throw new ClientFault("Unexpected end of document in a SOAP header");
            }
        }
    }

    private static String baseUrl(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        boolean https = exchange instanceof com.sun.net.httpserver.HttpsExchange;
        if (host == null || host.isBlank()) {
            host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        }
        return (https ? "https://" : "http://") + host;
    }

    private static boolean acceptsGzip(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip");
    }

    static byte[] envelope(QName responseName, XMLizable response, double apiVersion) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
        XmlOutputStream xout = new XmlOutputStream(buffer, false);
        xout.startDocument();
        xout.setPrefix("soapenv", SOAP_ENV_NS);
        xout.setPrefix("xsi", XSI_NS);
        xout.setPrefix("xsd", XSD_NS);
        xout.setPrefix("sf", SOBJECT_NS);
        xout.writeStartTag(SOAP_ENV_NS, "Envelope");
        xout.writeStartTag(SOAP_ENV_NS, "Body");
        xout.setPrefix("", PARTNER_NS);
        response.write(responseName, xout, ApiVersionElements.typeMapperFor(apiVersion));
        xout.writeEndTag(SOAP_ENV_NS, "Body");
        xout.writeEndTag(SOAP_ENV_NS, "Envelope");
        xout.endDocument();
        xout.close();
        return buffer.toByteArray();
    }

    static byte[] faultEnvelope(ApiFaultException fault) {
        String code = fault.exceptionCode();
        String element = fault.kind().elementName();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"" + SOAP_ENV_NS + "\" xmlns:sf=\"" + FAULT_NS
                + "\" xmlns:xsi=\"" + XSI_NS + "\">"
                + "<soapenv:Body><soapenv:Fault>"
                + "<faultcode>sf:" + escape(code) + "</faultcode>"
                + "<faultstring>" + escape(fault.faultString()) + "</faultstring>"
                + "<detail><sf:" + element + " xsi:type=\"sf:" + element + "\">"
                + "<sf:exceptionCode>" + escape(code) + "</sf:exceptionCode>"
                + "<sf:exceptionMessage>" + escape(fault.getMessage()) + "</sf:exceptionMessage>"
                + "</sf:" + element + "></detail>"
                + "</soapenv:Fault></soapenv:Body></soapenv:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] clientFaultEnvelope(String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"" + SOAP_ENV_NS + "\">"
                + "<soapenv:Body><soapenv:Fault>"
                + "<faultcode>soapenv:Client</faultcode>"
                + "<faultstring>" + escape(message) + "</faultstring>"
                + "</soapenv:Fault></soapenv:Body></soapenv:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void send(HttpExchange exchange, int status, byte[] body, boolean gzip, boolean drop)
            throws IOException {
        byte[] payload = body;
        if (gzip) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(64, body.length / 6));
            // Fastest deflate level: query pages of 2,000 records are ~1 MB of repetitive XML; level 1 compresses
            // them almost as well as the default level 6 at a fraction of the CPU (the emulator shares its cores).
            try (GZIPOutputStream out = new GZIPOutputStream(compressed, 1 << 16) {
                {
                    def.setLevel(java.util.zip.Deflater.BEST_SPEED);
                }
            }) {
                out.write(body);
            }
            payload = compressed.toByteArray();
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
        exchange.sendResponseHeaders(status, payload.length);
        OutputStream out = exchange.getResponseBody();
        if (drop) {
            // The call has been applied; the client sees the connection die halfway through the response.
            out.write(payload, 0, payload.length / 2);
            out.flush();
            throw new IOException("connection dropped by fault injection");
        }
        out.write(payload);
        out.close();
    }

    static void sendPlain(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
