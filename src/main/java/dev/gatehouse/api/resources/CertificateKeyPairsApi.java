package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiException;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.ApiRouter;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.RawBody;
import dev.gatehouse.api.Routes;
import dev.gatehouse.crypto.certificatekeypairs.CertificateKeyPairChanges;
import dev.gatehouse.definition.Write;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.crypto.certificatekeypairs.CertificateKeyPair;
import dev.gatehouse.crypto.certificatekeypairs.CertificateKeyPairService;
import dev.gatehouse.crypto.certificatekeypairs.CertificateKeyPairStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code crypto/certificatekeypairs/}: authentik's certificate-key pairs. Superusers only. The certificate and
 * private key are write-only fields: reading them goes through {@code view_certificate/} and
 * {@code view_private_key/} ({@code ?download} for a PEM file), each recorded as a {@code secret_view} event.
 */
public final class CertificateKeyPairsApi {
    private static final String BASE = "crypto/certificatekeypairs/";
    private final CertificateKeyPairService pairs;

    public CertificateKeyPairsApi(CertificateKeyPairService pairs) {
        this.pairs = pairs;
    }

    public record CertificateKeyPairView(UUID pk, String name, String fingerprintSha256, String fingerprintSha1,
                                         Instant certExpiry, String certSubject, boolean privateKeyAvailable,
                                         String keyType, String certificateDownloadUrl,
                                         String privateKeyDownloadUrl, String managed) {
        static CertificateKeyPairView of(CertificateKeyPair p) {
            String item = ApiRouter.PREFIX + BASE + p.pk() + "/";
            return new CertificateKeyPairView(p.pk(), p.name(), p.fingerprintSha256(), p.fingerprintSha1(),
                    p.notAfter(), p.subject(), p.privateKeyAvailable(), p.keyType().wire(),
                    item + "view_certificate/?download", item + "view_private_key/?download", p.managed());
        }
    }

    public record CertificateDataView(String data) {
    }

    public void register(Routes r) {
        r.list(BASE, Access.SUPERUSER, "crypto_certificatekeypairs_list", "List certificate-key pairs",
                        CertificateKeyPairView.class, CertificateKeyPairStore.LISTING.filterNames(),
                        req -> ApiResponse.ok(Pagination.envelope(pairs.list(req.pageRequest())
                                .map(CertificateKeyPairView::of))))
                .objectOp("POST", BASE, Access.SUPERUSER, "crypto_certificatekeypairs_create",
                        "Import a PEM certificate and optional private key", CertificateKeyPairChanges.DEFINITION,
                        CertificateKeyPairView.class, this::create)
                .objectOp("POST", BASE + "generate/", Access.SUPERUSER, "crypto_certificatekeypairs_generate_create",
                        "Generate a new self-signed certificate-key pair (alg rsa or ecdsa)",
                        CertificateKeyPairService.Generation.DEFINITION, CertificateKeyPairView.class, this::generate)
                .op("GET", BASE + "{pk}/", Access.SUPERUSER, "crypto_certificatekeypairs_retrieve",
                        "Get a certificate-key pair", null, CertificateKeyPairView.class,
                        req -> ApiResponse.ok(CertificateKeyPairView.of(find(req))))
                .objectOp("PUT", BASE + "{pk}/", Access.SUPERUSER, "crypto_certificatekeypairs_update",
                        "Rename a certificate-key pair", CertificateKeyPairChanges.RENAME,
                        CertificateKeyPairView.class, req -> update(req, Write.REPLACE))
                .objectOp("PATCH", BASE + "{pk}/", Access.SUPERUSER, "crypto_certificatekeypairs_partial_update",
                        "Rename a certificate-key pair", CertificateKeyPairChanges.RENAME,
                        CertificateKeyPairView.class, req -> update(req, Write.UPDATE))
                .op("DELETE", BASE + "{pk}/", Access.SUPERUSER, "crypto_certificatekeypairs_destroy",
                        "Delete a certificate-key pair nothing uses", null, null, req -> {
                            pairs.delete(req.actor(), find(req).pk());
                            return ApiResponse.noContent();
                        })
                .op("GET", BASE + "{pk}/view_certificate/", Access.SUPERUSER,
                        "crypto_certificatekeypairs_view_certificate_retrieve",
                        "The certificate as PEM ({\"data\": ...}, or a file with ?download); logged as secret_view",
                        null, CertificateDataView.class, this::viewCertificate)
                .op("GET", BASE + "{pk}/view_private_key/", Access.SUPERUSER,
                        "crypto_certificatekeypairs_view_private_key_retrieve",
                        "The private key as PEM ({\"data\": ...}, or a file with ?download); logged as secret_view",
                        null, CertificateDataView.class, this::viewPrivateKey);
    }

    private CertificateKeyPair find(ApiRequest req) {
        return pairs.byPk(req.pathUuid("pk")).orElseThrow(NotFoundException::new);
    }

    private ApiResponse create(ApiRequest req) {
        CertificateKeyPairChanges c = req.body().read(CertificateKeyPairChanges.DEFINITION, Write.CREATE);
        return ApiResponse.created(CertificateKeyPairView.of(pairs.importPem(req.actor(), c.name(),
                c.certificateData(), c.keyData())));
    }

    private ApiResponse generate(ApiRequest req) {
        CertificateKeyPairService.Generation g = req.body().read(CertificateKeyPairService.Generation.DEFINITION,
                Write.CREATE);
        return ApiResponse.ok(CertificateKeyPairView.of(pairs.generate(req.actor(), g)));
    }

    private ApiResponse update(ApiRequest req, Write write) {
        CertificateKeyPair p = find(req);
        Body b = req.body();
        for (String field : List.of("certificate_data", "key_data")) {
            if (b.has(field)) {
                b.invalid(field, "Key material cannot be changed; import a new certificate-key pair instead.");
            }
        }
        String name = b.read(CertificateKeyPairChanges.RENAME, write).name();
        return ApiResponse.ok(CertificateKeyPairView.of(pairs.rename(req.actor(), p.pk(), name)));
    }

    private ApiResponse viewCertificate(ApiRequest req) {
        CertificateKeyPair p = find(req);
        return pem(req, p, "certificate", pairs.viewCertificate(req.actor(), p));
    }

    private ApiResponse viewPrivateKey(ApiRequest req) {
        CertificateKeyPair p = find(req);
        String pem = pairs.viewPrivateKey(req.actor(), p)
                .orElseThrow(() -> new ApiException(404, "This certificate-key pair has no private key."));
        return pem(req, p, "private_key", pem);
    }

    /** {@code {"data": pem}}, or with {@code ?download} the PEM file authentik serves. */
    private static ApiResponse pem(ApiRequest req, CertificateKeyPair p, String kind, String pem) {
        if (!req.queryParameters().containsKey("download")) {
            return ApiResponse.ok(new CertificateDataView(pem));
        }
        String file = p.name().replaceAll("[^A-Za-z0-9._ -]", "_") + "_" + kind + ".pem";
        return new ApiResponse(200, new RawBody("application/x-pem-file", pem.getBytes(StandardCharsets.UTF_8)),
                List.of(Map.entry("Content-Disposition", "attachment; filename=\"" + file + "\"")));
    }
}
