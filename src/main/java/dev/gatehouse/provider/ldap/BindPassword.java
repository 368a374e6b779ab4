package dev.gatehouse.provider.ldap;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A bind password as the flow sees it (CONTRACT.md "MFA inside a bind"): with MFA support on, a suffix after the
 * last {@code ;} that looks like a code — a TOTP (6 digits) or a static recovery code (12 letters or digits, the
 * authenticator_static default, or authentik's former 8) — is split off
 * and answers the authenticator validation stage; the rest is the password. Anything else after a {@code ;}
 * stays part of the password, so passwords containing {@code ;} keep working.
 */
public record BindPassword(String password, Optional<String> code) {
    private static final Pattern CODE = Pattern.compile("[0-9]{6}|[A-Za-z0-9]{8}|[A-Za-z0-9]{12}");

    public static BindPassword split(String presented, boolean mfaSupport) {
        int semicolon = presented.lastIndexOf(';');
        if (mfaSupport && semicolon > 0) {
            String suffix = presented.substring(semicolon + 1);
            if (CODE.matcher(suffix).matches()) {
                return new BindPassword(presented.substring(0, semicolon), Optional.of(suffix));
            }
        }
        return new BindPassword(presented, Optional.empty());
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "BindPassword[code=" + code.isPresent() + "]";
    }
}
