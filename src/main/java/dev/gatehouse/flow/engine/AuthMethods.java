package dev.gatehouse.flow.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the user of a plan proved who they are, kept where authentik keeps it (context {@code auth_method} and
 * {@code auth_method_args}, with {@code mfa_devices} listing the authenticator devices validated), and the OIDC
 * {@code amr} values (RFC 8176 §2) it amounts to: {@code pwd} for a password, the device class's value per
 * validated device ({@code otp} for TOTP and static codes, {@code hwk} for a security key), {@code hwk} for a
 * passwordless passkey login ({@code auth_webauthn_pwl}), and {@code mfa} once two different factors were used.
 */
public final class AuthMethods {
    public static final String PASSWORD = "password";
    public static final String MFA = "auth_mfa";
    public static final String PASSKEY = "auth_webauthn_pwl";
    static final String MFA_DEVICES = "mfa_devices";

    private AuthMethods() {
    }

    /**
     * Records a passwordless sign-in with a discoverable passkey (authentik's {@code auth_webauthn_pwl}, its
     * {@code auth_method_args} naming the device): amr {@code hwk}.
     */
    public static void passkeyLogin(FlowContext context, long device) {
        context.put(FlowKeys.AUTH_METHOD, PASSKEY);
        context.put(FlowKeys.AUTH_METHOD_ARGS, Map.of("device", device));
    }

    /** True when this plan's user signed in with a passkey (no password asked). */
    public static boolean passwordless(FlowContext context) {
        return context.get(FlowKeys.AUTH_METHOD).filter(PASSKEY::equals).isPresent();
    }

    /** Records that a device validated the user: {@code auth_method} stays what it was (or becomes auth_mfa). */
    public static void deviceValidated(FlowContext context, String deviceClass, long pk, String name, String amr) {
        if (context.get(FlowKeys.AUTH_METHOD).isEmpty()) {
            context.put(FlowKeys.AUTH_METHOD, MFA);
        }
        Map<String, Object> args = new LinkedHashMap<>(context.get(FlowKeys.AUTH_METHOD_ARGS).orElse(Map.of()));
        List<Object> devices = new ArrayList<>(args.get(MFA_DEVICES) instanceof List<?> l ? l : List.of());
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("device_class", deviceClass);
        device.put("pk", pk);
        device.put("name", name);
        device.put("amr", amr);
        devices.add(Map.copyOf(device));
        args.put(MFA_DEVICES, List.copyOf(devices));
        context.put(FlowKeys.AUTH_METHOD_ARGS, Map.copyOf(args));
    }

    /** The amr values of the plan's sign-in, in the order the factors were used; empty when none is known. */
    public static List<String> amr(FlowContext context) {
        Set<String> out = new LinkedHashSet<>();
        String method = context.get(FlowKeys.AUTH_METHOD).orElse("");
        if (method.equals(PASSWORD)) {
            out.add("pwd");
        } else if (method.equals(PASSKEY)) {
            out.add("hwk");
        }
        Object devices = context.get(FlowKeys.AUTH_METHOD_ARGS).orElse(Map.of()).get(MFA_DEVICES);
        if (devices instanceof List<?> list) {
            for (Object d : list) {
                if (d instanceof Map<?, ?> m && m.get("amr") instanceof String a && !a.isBlank()) {
                    out.add(a);
                }
            }
        }
        if (out.size() >= 2) {
            out.add("mfa");
        }
        return List.copyOf(out);
    }
}
