package dev.gatehouse.flow.engine;

import java.util.List;

/** {@code xak-flow-redirect}: the flow is complete, the client goes {@code to}. */
public record FlowRedirect(String to) implements Challenge {
    public static final String COMPONENT = "xak-flow-redirect";
    public static final List<StagePage> PAGES = List.of(StagePage.of(COMPONENT, FlowRedirect.class, NoAnswer.class, null));

    @Override
    public String component() {
        return COMPONENT;
    }
}
