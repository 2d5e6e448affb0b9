package vn.hatang.console.pages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import vn.hatang.console.Console;
import vn.hatang.console.Names;
import vn.hatang.console.Reply;
import vn.hatang.console.Req;
import vn.hatang.coverage.CoverageService;
import vn.hatang.devices.DeviceService;
import vn.hatang.people.PersonService;
import vn.hatang.pki.certs.CertificateService;
import vn.hatang.pki.tokens.TokenService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.Page;

/**
 * {@code /people}: search ({@code listPeople}); a person's page: duties, devices held, tokens and certificates held,
 * and what they lack for each KPI about people (their line in each gap list, {@code getKpiGaps}).
 */
public final class PeoplePage implements Console.Page {
    private final Db db;
    private final PersonService people;
    private final DeviceService devices;
    private final TokenService tokens;
    private final CertificateService certificates;
    private final CoverageService coverage;

    public PeoplePage(Db db, PersonService people, DeviceService devices, TokenService tokens,
            CertificateService certificates, CoverageService coverage) {
        this.db = db;
        this.people = people;
        this.devices = devices;
        this.tokens = tokens;
        this.certificates = certificates;
        this.coverage = coverage;
    }

    @Override
    public void addRoutes(Console.Pages console) {
        console.get("/people", this::list);
        console.get("/people/:id", this::person);
    }

    private Future<Reply> list(Req r) {
        var scope = r.scope("listPeople");
        Map<String, String> filters = r.filters("q", "under", "status", "duty");
        Page.Request page = Page.Request.of(String.valueOf(DevicesPage.PAGE), r.query("cursor"));
        return people.list(scope, filters, page).compose(p -> db.read(scope, dsl -> Names.of(dsl, scope, p.items()))
                .map(names -> Reply.ok(r.render("people.jte", "v", r.view("people"), "filters", filters, "page", p,
                        "names", names, "duties", PersonService.DUTIES))));
    }

    private Future<Reply> person(Req r) {
        long id = r.id("id");
        var scope = r.scope("getPerson");
        return people.get(scope, id).compose(p -> {
            Future<Page> held = devices.list(r.scope("listDevices"), Map.of("person_code", p.getString("code")),
                    new Page.Request(100, 0));
            Future<Page> heldTokens = tokens.list(r.scope("listTokens"), Map.of("holder_id", String.valueOf(id)),
                    new Page.Request(100, 0));
            Future<Page> certs = certificates.list(r.scope("listCertificates"), Map.of("person_id", String.valueOf(id)),
                    new Page.Request(100, 0));
            var gapScope = r.scope("getKpiGaps");
            Future<JsonArray> lacks = db.read(gapScope, dsl -> {
                JsonArray out = new JsonArray();
                JsonObject unit = Names.of(dsl, gapScope, p).unit(p.getValue("unit_id"));
                if (unit == null) {
                    return out;
                }
                for (var k : coverage.targets().definitions(dsl)) {
                    JsonObject gaps = coverage.gaps(dsl, gapScope, k.code(), unit.getString("code"), true);
                    for (Object o : gaps.getJsonArray("items")) {
                        JsonObject g = (JsonObject) o;
                        if ("person".equals(g.getString("subject")) && p.getString("code").equals(g.getString("code"))) {
                            out.add(g.put("kpi", k.toJson()));
                        }
                    }
                }
                return out;
            });
            return Future.all(held, heldTokens, certs, lacks).compose(x -> db.read(scope, dsl -> Names.of(dsl, scope,
                    List.of(p)))).map(names -> Reply.ok(r.render("person.jte", "v", r.view("people"), "person", p,
                    "names", names, "devices", held.result(), "tokens", heldTokens.result(), "certificates",
                    certs.result(), "lacks", lacks.result(), "duties", PersonService.DUTIES)));
        });
    }
}
