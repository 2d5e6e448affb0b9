package vn.hatang.pki;

import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Routes;
import vn.hatang.platform.http.Schema;
import vn.hatang.pki.tokens.TokenService;
import vn.hatang.security.Permission;

/** {@code POST /tokens/:id/(assign|return|restock|lose|destroy)} and {@code GET /tokens/:id/history}. */
final class TokenEndpoint implements Endpoint {
    private final TokenService tokens;

    TokenEndpoint(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("tokens");
        routes.get("/tokens/:id/history", "getTokenHistory", Permission.READ)
                .doc("Lịch sử bàn giao thiết bị ký số", "Handover history of a token or SIM")
                .answers(Schema.arrayOf(vn.hatang.platform.db.RecordSpec.tableSchema(vn.hatang.db.Tables.PKI_TOKEN_EVENT)))
                .json(c -> tokens.history(c.scope(), c.id("id")));
        routes.post("/tokens/:id/:action", "moveToken", Permission.PKI_WRITE)
                .doc("Bàn giao, thu hồi, nhập kho, báo mất, huỷ", "assign (person, document_no, document_date, "
                        + "handed_by) | return | restock | lose | destroy")
                .pathValues("action", TokenService.ACTIONS.stream().sorted().toList())
                .optionalBody(Schema.object().optional("person_id", Schema.id()).optional("person_code", Schema.text(64))
                        .optional("document_no", Schema.text(100)).optional("document_date", Schema.date())
                        .optional("handed_by", Schema.text(200)).optional("note", Schema.text(500)).json())
                .answers(TokenService.SPEC.rowSchema())
                .json(c -> tokens.transition(c.scope(), c.id("id"), c.path("action"), c.optionalInput()));
    }
}
