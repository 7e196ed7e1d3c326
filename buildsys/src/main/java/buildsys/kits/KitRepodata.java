package buildsys.kits;

import common.TwoliterException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The RPM names a fetched kit's yum repository offers to dnf: each package's name and each of its
 * {@code rpm:provides} entries, read from the {@code primary} metadata that {@code repodata/repomd.xml} points at.
 * createrepo_c 0.17 (the SDK's, sdk-contract.md) writes it gzip-compressed; an uncompressed one is read too.
 */
public final class KitRepodata {
    private static final String REPOMD = "repodata/repomd.xml";

    private KitRepodata() {
    }

    /**
     * The names in the repository at {@code repo} ({@code display} is how messages name that directory), in
     * metadata order. Empty when there is no {@code repomd.xml}, it lists no primary metadata, or that is compressed
     * in a format other than gzip: callers then fall back to the {@code Packages/<name>} directories.
     */
    public static Optional<List<String>> names(Path repo, String display) throws TwoliterException {
        Optional<String> primary;
        try (InputStream in = Files.newInputStream(repo.resolve(REPOMD))) {
            primary = primaryLocation(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | XMLStreamException e) {
            throw unreadable(display + "/" + REPOMD, e);
        }
        if (primary.isEmpty()) {
            return Optional.empty();
        }
        String href = primary.get();
        Path file = repo.resolve(href).normalize();
        if (!file.startsWith(repo.normalize())) {
            throw TwoliterException.badInput("'" + display + "/" + REPOMD + "' points outside the kit, at '" + href
                    + "'; the kit is damaged: delete " + display + " and run 'twoliter fetch' again");
        }
        if (!href.endsWith(".xml") && !href.endsWith(".xml.gz")) {
            return Optional.empty();
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             InputStream in = href.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return Optional.of(primaryNames(in));
        } catch (IOException | XMLStreamException e) {
            throw unreadable(display + "/" + href, e);
        }
    }

    /** The {@code href} of {@code <data type="primary"><location href=".."/>}. */
    private static Optional<String> primaryLocation(InputStream in) throws XMLStreamException {
        XMLStreamReader xml = reader(in);
        try {
            boolean inPrimary = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("data")) {
                    inPrimary = "primary".equals(xml.getAttributeValue(null, "type"));
                } else if (event == XMLStreamConstants.START_ELEMENT && inPrimary
                        && xml.getLocalName().equals("location")) {
                    return Optional.ofNullable(xml.getAttributeValue(null, "href"));
                } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("data")) {
                    inPrimary = false;
                }
            }
            return Optional.empty();
        } finally {
            xml.close();
        }
    }

    /** {@code <package><name>} and {@code <rpm:provides><rpm:entry name=".."/>} of every package. */
    private static List<String> primaryNames(InputStream in) throws XMLStreamException {
        XMLStreamReader xml = reader(in);
        Set<String> names = new LinkedHashSet<>();
        try {
            List<String> path = new ArrayList<>();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = xml.getLocalName();
                    String parent = path.isEmpty() ? "" : path.get(path.size() - 1);
                    path.add(element);
                    if (element.equals("name") && parent.equals("package")) {
                        names.add(xml.getElementText().strip());
                        path.remove(path.size() - 1); // getElementText consumed the end tag
                    } else if (element.equals("entry") && parent.equals("provides")) {
                        Optional.ofNullable(xml.getAttributeValue(null, "name")).ifPresent(names::add);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    path.remove(path.size() - 1);
                }
            }
        } finally {
            xml.close();
        }
        names.remove("");
        return List.copyOf(names);
    }

    /** A StAX reader that refuses DTDs and external entities: kits come from registries. */
    private static XMLStreamReader reader(InputStream in) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory.createXMLStreamReader(in);
    }

    private static TwoliterException unreadable(String file, Exception e) {
        // StAX messages span lines ("ParseError at [row,col]:[3,5]\nMessage: ..."); errors are one line.
        String reason = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().strip().replaceAll("\\s+", " ");
        return TwoliterException.badInput("cannot read the kit's repository metadata '" + file + "': " + reason
                + "; the kit is damaged: delete its directory and run 'twoliter fetch' again");
    }
}
