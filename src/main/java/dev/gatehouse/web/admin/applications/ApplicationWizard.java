package dev.gatehouse.web.admin.applications;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.web.admin.AdminApi.Answer;
import dev.gatehouse.web.admin.AdminInterface;
import dev.gatehouse.web.admin.AdminPages;
import dev.gatehouse.web.admin.AdminRequest;
import dev.gatehouse.web.admin.AdminRoutes;
import dev.gatehouse.web.admin.Declarations;
import dev.gatehouse.web.admin.FormField;
import dev.gatehouse.web.admin.FormFields;
import dev.gatehouse.web.admin.ObjectTypes;
import dev.gatehouse.web.admin.Values;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The application wizard ("Create with provider"), {@code /if/admin/applications/wizard/}: choose the kind of
 * provider, fill one form with the application's and the provider's fields (both from the API's declarations),
 * and the wizard creates the provider, then the application using it, through the API. If the application is
 * refused the provider is deleted again, so no half-made objects stay, and the form comes back with the errors
 * beside their inputs. The result (client secret, discovery URL, reverse-proxy snippets) is the answer to the post
 * itself, so it is shown once and cannot be fetched again by URL.
 */
public final class ApplicationWizard implements AdminPages {
    public static final String HREF = AdminInterface.ROOT + "applications/wizard/";
    private static final String HERE = "dev/gatehouse/web/admin/applications/";
    static final String CHOOSE = HERE + "wizard-choose.jte";
    static final String FORM = HERE + "wizard-form.jte";
    static final String RESULT = HERE + "wizard-result.jte";
    static final String APP = "app.";
    static final String PROVIDER = "provider.";
    /** The checkbox: serve the new proxy provider from the embedded outpost. */
    public static final String EMBEDDED = "embedded_outpost";
    static final String EMBEDDED_MANAGED = "goauthentik.io/outposts/embedded";
    static final String IMPLICIT_CONSENT = "default-provider-authorization-implicit-consent";
    static final String INVALIDATION = "default-invalidation-flow";
    private static final String APPLICATIONS_API = "core/applications/";

    /** Step 1: the kinds of provider. */
    public record ChoosePage(List<ProviderKind> kinds, String cancelHref) {
    }

    /** Step 2: one form, the application's inputs and the provider's. */
    public record FormPage(ProviderKind kind, String action, List<FormField> application, List<FormField> provider,
                           boolean offerOutpost, boolean outpostChecked, List<String> errors, String backHref) {
    }

    private final Declarations declarations;

    public ApplicationWizard(Declarations declarations) {
        this.declarations = declarations;
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.get("applications/wizard/", this::choose)
                .get("applications/wizard/{kind}/", this::form)
                .post("applications/wizard/{kind}/", this::create);
    }

    private void choose(AdminRequest r) {
        r.page(200, CHOOSE, "Create an application with a provider", ObjectTypes.APPLICATIONS.slug(),
                new ChoosePage(Arrays.asList(ProviderKind.values()), ObjectTypes.APPLICATIONS.listHref()));
    }

    private Optional<ProviderKind> kind(AdminRequest r) {
        return ProviderKind.bySlug(r.param("kind"))
                .filter(k -> declarations.allows("POST", k.apiPath()) && declarations.allows("POST", APPLICATIONS_API));
    }

    private WizardForm applicationForm() {
        return new WizardForm(APP, declarations.of("POST", APPLICATIONS_API).orElseThrow(),
                Set.of("provider", "backchannel_providers"));
    }

    private WizardForm providerForm(ProviderKind kind) {
        Set<String> hidden = switch (kind) {
            case OAUTH2 -> Set.of();
            case FORWARD_SINGLE -> Set.of("outpost_set", "internal_host", "internal_host_ssl_validation", "cookie_domain");
            case FORWARD_DOMAIN -> Set.of("outpost_set", "internal_host", "internal_host_ssl_validation");
            case PROXY -> Set.of("outpost_set", "cookie_domain");
        };
        return new WizardForm(PROVIDER, declarations.of("POST", kind.apiPath()).orElseThrow(), hidden);
    }

    /** The provider's starting values: its declared defaults, the implicit-consent flow, the chosen mode. */
    private Map<String, Object> providerDefaults(AdminRequest r, ProviderKind kind) {
        Definition<?> def = declarations.of("POST", kind.apiPath()).orElseThrow();
        Map<String, Object> values = new LinkedHashMap<>(def.defaults());
        flowPk(r, IMPLICIT_CONSENT).ifPresent(pk -> values.put("authorization_flow", pk));
        if (values.containsKey("invalidation_flow") && values.get("invalidation_flow") == null) {
            flowPk(r, INVALIDATION).ifPresent(pk -> values.put("invalidation_flow", pk));
        }
        if (kind.mode() != null) {
            values.put("mode", kind.mode());
        }
        return values;
    }

    private static Optional<String> flowPk(AdminRequest r, String slug) {
        return r.get("flows/instances/", Map.of("slug", slug)).results().stream()
                .filter(f -> slug.equals(f.get("slug"))).map(f -> String.valueOf(f.get("pk"))).findFirst();
    }

    private void form(AdminRequest r) {
        Optional<ProviderKind> kind = kind(r);
        if (kind.isEmpty()) {
            r.notFound();
            return;
        }
        dev.gatehouse.web.admin.Pickers choices = new dev.gatehouse.web.admin.Pickers(r);
        WizardForm app = applicationForm();
        Definition<?> appDef = declarations.of("POST", APPLICATIONS_API).orElseThrow();
        show(r, 200, kind.get(), app.fields(appDef.defaults(), choices::options, Map.of()),
                providerForm(kind.get()).fields(providerDefaults(r, kind.get()), choices::options, Map.of()),
                kind.get().proxy(), List.of());
    }

    private static void show(AdminRequest r, int status, ProviderKind kind, List<FormField> app, List<FormField> provider,
                             boolean outpostChecked, List<String> errors) {
        r.page(status, FORM, "New application: " + kind.label(), ObjectTypes.APPLICATIONS.slug(),
                new FormPage(kind, HREF + kind.slug() + "/", app, provider, kind.proxy(), outpostChecked, errors, HREF));
    }

    private void create(AdminRequest r) {
        Optional<ProviderKind> found = kind(r);
        if (found.isEmpty()) {
            r.notFound();
            return;
        }
        ProviderKind kind = found.get();
        WizardForm appForm = applicationForm();
        WizardForm providerForm = providerForm(kind);
        FormFields.Body app = appForm.body(r.form());
        FormFields.Body provider = providerForm.body(r.form());
        Map<String, Object> appValues = new LinkedHashMap<>(app.values());
        Map<String, Object> providerValues = new LinkedHashMap<>(provider.values());
        String appName = String.valueOf(appValues.getOrDefault("name", "")).strip();
        if (isBlank(appValues.get("slug")) && !appName.isEmpty()) {
            appValues.put("slug", slug(appName));
        }
        if (isBlank(providerValues.get("name")) && !appName.isEmpty()) {
            providerValues.put("name", "Provider for " + appName);
        }
        boolean outpost = kind.proxy() && r.form().has(EMBEDDED);
        if (kind.proxy()) {
            Optional<String> embedded = embeddedOutpost(r);
            providerValues.put("outpost_set", outpost && embedded.isPresent() ? List.of(embedded.get()) : List.of());
        }
        if (!app.errors().isEmpty() || !provider.errors().isEmpty()) {
            refused(r, kind, app.errors(), provider.errors(), outpost);
            return;
        }
        Answer made = r.send("POST", kind.apiPath(), providerValues);
        if (!made.ok()) {
            if (made.status() != 400) {
                refused(r, kind, Map.of(), Map.of("non_field_errors", List.of(made.detail())), outpost);
            } else {
                refused(r, kind, Map.of(), Values.fieldErrors(made), outpost);
            }
            return;
        }
        Object providerPk = made.object().get("pk");
        appValues.put("provider", providerPk);
        Answer application = r.send("POST", APPLICATIONS_API, appValues);
        if (!application.ok()) {
            Answer undone = r.send("DELETE", kind.apiPath() + providerPk + "/", null);
            List<String> extra = undone.ok() || undone.status() == 404 ? List.of()
                    : List.of("The provider " + providerValues.get("name") + " was created but could not be deleted again: "
                    + undone.detail());
            Map<String, List<String>> errors = application.status() == 400 ? Values.fieldErrors(application)
                    : Map.of("non_field_errors", List.of(application.detail()));
            Map<String, List<String>> all = new LinkedHashMap<>(errors);
            if (!extra.isEmpty()) {
                all.put("detail", extra);
            }
            refused(r, kind, all, Map.of(), outpost);
            return;
        }
        Answer stored = r.get(kind.apiPath() + providerPk + "/");
        Map<String, Object> providerView = stored.ok() ? stored.object() : made.object();
        r.page(200, RESULT, "Application created", ObjectTypes.APPLICATIONS.slug(),
                WizardResult.of(kind, application.object(), made.object(), providerView, r.origin().baseUrl(),
                        outpostHost(r)));
    }

    /** The form again, 400, with each object's API errors beside its own inputs. */
    private void refused(AdminRequest r, ProviderKind kind, Map<String, List<String>> appErrors,
                         Map<String, List<String>> providerErrors, boolean outpost) {
        dev.gatehouse.web.admin.Pickers choices = new dev.gatehouse.web.admin.Pickers(r);
        WizardForm appForm = applicationForm();
        WizardForm providerForm = providerForm(kind);
        Definition<?> appDef = declarations.of("POST", APPLICATIONS_API).orElseThrow();
        List<String> general = new ArrayList<>(WizardForm.unshown(appErrors, List.of(appForm)));
        general.addAll(WizardForm.unshown(providerErrors, List.of(providerForm)).stream()
                .map(m -> "Provider: " + m).toList());
        show(r, 400, kind, appForm.reshown(appDef.defaults(), choices::options, r.form(), appErrors),
                providerForm.reshown(providerDefaults(r, kind), choices::options, r.form(), providerErrors), outpost,
                general);
    }

    /** The embedded outpost's view, if there is one. */
    private static Optional<Map<String, Object>> embedded(AdminRequest r) {
        return r.get(ObjectTypes.OUTPOSTS.apiPath(), Map.of("page_size", "1000")).results().stream()
                .filter(o -> EMBEDDED_MANAGED.equals(o.get("managed"))).findFirst();
    }

    static Optional<String> embeddedOutpost(AdminRequest r) {
        return embedded(r).map(o -> String.valueOf(o.get("pk")));
    }

    /** The embedded outpost's {@code authentik_host}, or null when it is unset. */
    private static String outpostHost(AdminRequest r) {
        return embedded(r).map(o -> o.get("config") instanceof Map<?, ?> c ? c.get("authentik_host") : null)
                .map(String::valueOf).filter(s -> !s.isBlank()).orElse(null);
    }

    private static boolean isBlank(Object v) {
        return v == null || String.valueOf(v).isBlank();
    }

    /** A slug from a name: lower case ASCII letters, digits and dashes. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String s = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "app" : s;
    }
}
