package io.liquidstream.connectors.format.aedat;

import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The event stream chosen from the IOHeader's infoNode XML, its sensor size when stated, and the ids of all
 * declared streams (a packet of any other id is not part of the recording).
 */
record Aedat4EventStream(int id, SensorGeometry geometry, Set<Integer> declared) {

    static Aedat4EventStream find(Path file, long offset, String info) throws EventFormatException {
        if (info == null) {
            throw EventFormatException.atOffset(file, offset, "IOHeader has no infoNode; expected the XML"
                    + " description of the recorded streams");
        }
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = factory.newDocumentBuilder().parse(new InputSource(new StringReader(info))).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw EventFormatException.atOffset(file, offset, "IOHeader infoNode is not well-formed XML: "
                    + e.getMessage());
        }
        Aedat4EventStream best = null;
        Set<Integer> declared = new HashSet<>();
        NodeList nodes = root.getElementsByTagName("node");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element node = (Element) nodes.item(i);
            String type = attribute(node, "typeIdentifier");
            if (!node.getAttribute("name").matches("\\d{1,9}") || type == null) {
                continue;
            }
            int id = Integer.parseInt(node.getAttribute("name"));
            declared.add(id);
            if ("EVTS".equals(type) && (best == null || id < best.id())) {
                best = new Aedat4EventStream(id, size(node), Set.of());
            }
        }
        if (best == null) {
            throw EventFormatException.atOffset(file, offset, "IOHeader infoNode declares no event stream;"
                    + " expected a stream node with typeIdentifier EVTS");
        }
        return new Aedat4EventStream(best.id(), best.geometry(), Set.copyOf(declared));
    }

    /** sizeX/sizeY anywhere below the stream node (DV puts them in its "info" child). */
    private static SensorGeometry size(Element stream) {
        String width = deepAttribute(stream, "sizeX");
        String height = deepAttribute(stream, "sizeY");
        if (width == null || height == null || !width.matches("\\d{1,5}") || !height.matches("\\d{1,5}")
                || Integer.parseInt(width) == 0 || Integer.parseInt(height) == 0) {
            return null;
        }
        return SensorGeometry.pixels(Integer.parseInt(width), Integer.parseInt(height));
    }

    private static String attribute(Element node, String key) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element attr && attr.getTagName().equals("attr")
                    && key.equals(attr.getAttribute("key"))) {
                return attr.getTextContent().trim();
            }
        }
        return null;
    }

    private static String deepAttribute(Element node, String key) {
        NodeList attrs = node.getElementsByTagName("attr");
        for (int i = 0; i < attrs.getLength(); i++) {
            Element attr = (Element) attrs.item(i);
            if (key.equals(attr.getAttribute("key"))) {
                return attr.getTextContent().trim();
            }
        }
        return null;
    }
}
