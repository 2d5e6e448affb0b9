package vn.hatang.platform.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The title block and signature block of an administrative document, laid out as Party documents are: the superior
 * body and the issuing body on the left with the document number under them, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place
 * and date on the right, the title and subtitle centred, the legal basis ("Căn cứ …") under it; the signatures below
 * the main table, each role with room to sign.
 */
public record Heading(Text superiorBody, Text issuingBody, Text number, Text placeAndDate, Text title, Text subtitle,
        List<Text> basis, List<Text> signatures) {

    public JsonObject toJson() {
        JsonArray b = new JsonArray();
        basis.forEach(t -> b.add(t.toJson()));
        JsonArray s = new JsonArray();
        signatures.forEach(t -> s.add(t.toJson()));
        return new JsonObject().put("superior_body", superiorBody.toJson()).put("issuing_body", issuingBody.toJson())
                .put("number", number.toJson()).put("place_and_date", placeAndDate.toJson()).put("title", title.toJson())
                .put("subtitle", subtitle.toJson()).put("basis", b).put("signatures", s);
    }

    public static Heading fromJson(JsonObject j) {
        if (j == null) {
            return null;
        }
        return new Heading(Text.fromJson(j.getValue("superior_body")), Text.fromJson(j.getValue("issuing_body")),
                Text.fromJson(j.getValue("number")), Text.fromJson(j.getValue("place_and_date")),
                Text.fromJson(j.getValue("title")), Text.fromJson(j.getValue("subtitle")),
                j.getJsonArray("basis").stream().map(Text::fromJson).toList(),
                j.getJsonArray("signatures").stream().map(Text::fromJson).toList());
    }
}
