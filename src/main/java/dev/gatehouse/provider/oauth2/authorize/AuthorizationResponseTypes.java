package dev.gatehouse.provider.oauth2.authorize;

import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import java.util.List;

/**
 * What the authorization endpoint answers and how; discovery publishes exactly these lists. The response types
 * are authentik's: {@code code} (RFC 6749 §4.1), the implicit {@code id_token} and {@code id_token token} (OIDC
 * Core §3.2) and the hybrid {@code code id_token}, {@code code token}, {@code code id_token token} (§3.3). A
 * bare {@code token} (RFC 6749 §4.2 without OpenID Connect) is not served, as in authentik. Responses go in the
 * query, the fragment or a posted form (OAuth 2.0 Form Post Response Mode); a response that carries a token
 * never goes in the query (OAuth 2.0 Multiple Response Type Encoding Practices §5), which is why the default for
 * those types is the fragment.
 */
public final class AuthorizationResponseTypes {
    public static final List<ResponseType> SUPPORTED = List.of(ResponseType.CODE, ResponseType.IDTOKEN,
            ResponseType.IDTOKEN_TOKEN, ResponseType.CODE_IDTOKEN, ResponseType.CODE_TOKEN,
            ResponseType.CODE_IDTOKEN_TOKEN);
    public static final List<ResponseMode> MODES = List.of(ResponseMode.QUERY, ResponseMode.FRAGMENT,
            ResponseMode.FORM_POST);

    private AuthorizationResponseTypes() {
    }

    public static boolean supports(ResponseType type) {
        return SUPPORTED.contains(type);
    }

    /** Whether a response of this type may be sent in this mode: any supported mode, but the query for codes only. */
    public static boolean allows(ResponseType type, ResponseMode mode) {
        return MODES.contains(mode) && (!mode.equals(ResponseMode.QUERY) || ResponseType.CODE.equals(type));
    }

    /** The mode a response of this type takes when the request names none (Multiple Response Types §2.1, §5). */
    public static ResponseMode defaultMode(ResponseType type) {
        return ResponseMode.resolve(null, type == null ? ResponseType.CODE : type);
    }

    /** The values as discovery lists them ({@code response_types_supported}, OIDC Discovery §3). */
    public static List<String> typeNames() {
        return SUPPORTED.stream().map(ResponseType::toString).toList();
    }

    public static List<String> modeNames() {
        return MODES.stream().map(ResponseMode::getValue).toList();
    }
}
