package dev.facekit.vggface;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facekit.align.AlignmentTemplate;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import dev.facekit.geometry.Landmarks;
import dev.facekit.geometry.Point;
import dev.facekit.model.ModelException;
import dev.facekit.vggface.ModelDescriptor.BoxCrop;
import dev.facekit.vggface.ModelDescriptor.ChannelOrder;
import dev.facekit.vggface.ModelDescriptor.Classifier;
import dev.facekit.vggface.ModelDescriptor.Crop;
import dev.facekit.vggface.ModelDescriptor.TemplateCrop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes {@link ModelDescriptor} JSON with Jackson's tree model, so that every error can
 * name the file and the field path (for example {@code threshold.metric}). Unknown fields are
 * rejected: a misspelt field would otherwise be silently ignored.
 */
final class DescriptorJson {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final Set<String> TOP_FIELDS =
            Set.of(
                    "format",
                    "version",
                    "name",
                    "inputSize",
                    "channelOrder",
                    "mean",
                    "scale",
                    "crop",
                    "signature",
                    "input",
                    "output",
                    "dimension",
                    "normalize",
                    "classifier",
                    "threshold");

    private DescriptorJson() {}

    static ModelDescriptor parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ModelException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return new Reader().descriptor(root);
        } catch (IllegalArgumentException e) {
            throw new ModelException(source + ": " + e.getMessage(), e);
        }
    }

    static String write(ModelDescriptor d) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", ModelDescriptor.FORMAT);
        root.put("version", ModelDescriptor.VERSION);
        root.put("name", d.name());
        root.put("inputSize", d.inputSize());
        root.put("channelOrder", d.channelOrder().name());
        ArrayNode mean = root.putArray("mean");
        d.mean().forEach(mean::add);
        root.put("scale", d.scale());
        root.set("crop", crop(d.crop()));
        root.put("signature", d.signature());
        root.put("input", d.input());
        root.put("output", d.output());
        root.put("dimension", d.dimension());
        root.put("normalize", d.normalize());
        d.classifier()
                .ifPresent(
                        c -> {
                            ObjectNode n = root.putObject("classifier");
                            n.put("output", c.output());
                            n.put("classes", c.classes());
                            c.labels().ifPresent(l -> n.put("labels", l));
                        });
        ObjectNode t = root.putObject("threshold");
        t.put("metric", d.threshold().metric().name());
        t.put("distance", d.threshold().distance());
        t.put("source", d.threshold().source());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    private static ObjectNode crop(Crop crop) {
        ObjectNode n = MAPPER.createObjectNode();
        if (crop instanceof TemplateCrop t) {
            n.put("type", "template");
            n.put("size", t.template().size());
            ArrayNode points = n.putArray("points");
            for (Point p : t.template().landmarks().points()) {
                points.addArray().add(p.x()).add(p.y());
            }
        } else if (crop instanceof BoxCrop b) {
            n.put("type", "box");
            n.put("margin", b.margin());
        }
        return n;
    }

    /** Field access with messages that name the field path. */
    private static final class Reader {

        ModelDescriptor descriptor(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("expected a JSON object at the top level");
            }
            rejectUnknown(root, "", TOP_FIELDS);
            String format = text(root, "format");
            if (!format.equals(ModelDescriptor.FORMAT)) {
                throw new IllegalArgumentException(
                        "field 'format': expected \""
                                + ModelDescriptor.FORMAT
                                + "\", got \""
                                + format
                                + "\"");
            }
            int version = integer(root, "version");
            if (version != ModelDescriptor.VERSION) {
                throw new IllegalArgumentException(
                        "field 'version': this FaceKit reads version "
                                + ModelDescriptor.VERSION
                                + ", got "
                                + version);
            }
            int inputSize = integer(root, "inputSize");
            return new ModelDescriptor(
                    text(root, "name"),
                    inputSize,
                    enumValue(root, "channelOrder", ChannelOrder.class),
                    numbers(root, "mean"),
                    number(root, "scale"),
                    crop(object(root, "crop")),
                    text(root, "signature"),
                    text(root, "input"),
                    text(root, "output"),
                    integer(root, "dimension"),
                    bool(root, "normalize"),
                    root.has("classifier")
                            ? Optional.of(classifier(object(root, "classifier")))
                            : Optional.empty(),
                    threshold(object(root, "threshold")));
        }

        private Crop crop(Field crop) {
            String type = text(crop, "type");
            switch (type) {
                case "template":
                    rejectUnknown(crop.node, crop.path, Set.of("type", "size", "points"));
                    Landmarks points = points(crop, "points");
                    int size = integer(crop, "size");
                    if (size <= 0) {
                        throw new IllegalArgumentException(
                                "field 'crop.size' must be > 0, got " + size);
                    }
                    return new TemplateCrop(new AlignmentTemplate(points, size));
                case "box":
                    rejectUnknown(crop.node, crop.path, Set.of("type", "margin"));
                    return new BoxCrop((float) number(crop, "margin"));
                default:
                    throw new IllegalArgumentException(
                            "field 'crop.type': expected \"template\" or \"box\", got \""
                                    + type
                                    + "\"");
            }
        }

        private Classifier classifier(Field c) {
            rejectUnknown(c.node, c.path, Set.of("output", "classes", "labels"));
            Optional<String> labels =
                    c.node.has("labels") ? Optional.of(text(c, "labels")) : Optional.empty();
            return new Classifier(text(c, "output"), integer(c, "classes"), labels);
        }

        private Threshold threshold(Field t) {
            rejectUnknown(t.node, t.path, Set.of("metric", "distance", "source"));
            Metric metric = enumValue(t, "metric", Metric.class);
            double distance = number(t, "distance");
            String src = text(t, "source");
            try {
                return new Threshold(metric, distance, src);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + t.path + "': " + e.getMessage(), e);
            }
        }

        private Landmarks points(Field parent, String name) {
            JsonNode n = value(parent.node, parent.path, name);
            String path = join(parent.path, name);
            if (!n.isArray() || n.size() != Landmarks.COUNT) {
                throw new IllegalArgumentException(
                        "field '" + path + "' must be an array of 5 [x, y] points, got " + n);
            }
            float[] xy = new float[2 * Landmarks.COUNT];
            for (int i = 0; i < Landmarks.COUNT; i++) {
                JsonNode p = n.get(i);
                if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                    throw new IllegalArgumentException(
                            "field '" + path + "[" + i + "]' must be [x, y], got " + p);
                }
                xy[2 * i] = (float) p.get(0).asDouble();
                xy[2 * i + 1] = (float) p.get(1).asDouble();
            }
            return Landmarks.of(xy);
        }

        private Field object(JsonNode parent, String name) {
            JsonNode n = value(parent, "", name);
            if (!n.isObject()) {
                throw new IllegalArgumentException(
                        "field '" + name + "' must be an object, got " + n);
            }
            return new Field(n, name);
        }

        private String text(JsonNode parent, String name) {
            return text(new Field(parent, ""), name);
        }

        private String text(Field parent, String name) {
            JsonNode n = value(parent.node, parent.path, name);
            if (!n.isTextual()) {
                throw new IllegalArgumentException(
                        "field '" + join(parent.path, name) + "' must be a string, got " + n);
            }
            return n.textValue();
        }

        private int integer(JsonNode parent, String name) {
            return integer(new Field(parent, ""), name);
        }

        private int integer(Field parent, String name) {
            JsonNode n = value(parent.node, parent.path, name);
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                throw new IllegalArgumentException(
                        "field '" + join(parent.path, name) + "' must be an integer, got " + n);
            }
            return n.intValue();
        }

        private double number(JsonNode parent, String name) {
            return number(new Field(parent, ""), name);
        }

        private double number(Field parent, String name) {
            JsonNode n = value(parent.node, parent.path, name);
            if (!n.isNumber()) {
                throw new IllegalArgumentException(
                        "field '" + join(parent.path, name) + "' must be a number, got " + n);
            }
            return n.doubleValue();
        }

        private boolean bool(JsonNode parent, String name) {
            JsonNode n = value(parent, "", name);
            if (!n.isBoolean()) {
                throw new IllegalArgumentException(
                        "field '" + name + "' must be true or false, got " + n);
            }
            return n.booleanValue();
        }

        private List<Double> numbers(JsonNode parent, String name) {
            JsonNode n = value(parent, "", name);
            if (!n.isArray()) {
                throw new IllegalArgumentException(
                        "field '" + name + "' must be an array of numbers, got " + n);
            }
            List<Double> out = new ArrayList<>();
            for (JsonNode v : n) {
                if (!v.isNumber()) {
                    throw new IllegalArgumentException(
                            "field '" + name + "' must be an array of numbers, got " + n);
                }
                out.add(v.doubleValue());
            }
            return out;
        }

        private <E extends Enum<E>> E enumValue(JsonNode parent, String name, Class<E> type) {
            return enumValue(new Field(parent, ""), name, type);
        }

        private <E extends Enum<E>> E enumValue(Field parent, String name, Class<E> type) {
            String v = text(parent, name);
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(v)) {
                    return e;
                }
            }
            throw new IllegalArgumentException(
                    "field '"
                            + join(parent.path, name)
                            + "': expected one of "
                            + Arrays.toString(type.getEnumConstants())
                            + ", got \""
                            + v
                            + "\"");
        }

        private JsonNode value(JsonNode parent, String path, String name) {
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                throw new IllegalArgumentException("missing field '" + join(path, name) + "'");
            }
            return n;
        }

        private void rejectUnknown(JsonNode node, String path, Set<String> known) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!known.contains(n)) {
                    throw new IllegalArgumentException(
                            "unknown field '"
                                    + join(path, n)
                                    + "', known: "
                                    + new TreeSet<>(known));
                }
            }
        }

        private static String join(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }

    /** A JSON object and its dotted path from the root. */
    private record Field(JsonNode node, String path) {}
}
