package dev.gatehouse.store;

import org.jooq.DSLContext;

/** Every store, bound to one {@link DSLContext} (a transaction or the pool). */
public record Stores(DSLContext dsl, UserStore users, GroupStore groups, ApplicationStore applications,
                     ProviderStore providers, TokenStore tokens, BrandStore brands, EventStore events,
                     SystemStateStore state, FlowStore flows, StageStore stages, FlowBindingStore flowBindings,
                     PolicyStore policies, PolicyBindingStore policyBindings,
                     OAuth2ProviderStore oauth2Providers, OAuth2GrantStore oauth2Grants,
                     OAuth2DeviceStore oauth2Devices, ScopeMappingStore scopeMappings,
                     ProxyProviderStore proxyProviders, OutpostStore outposts,
                     LdapProviderStore ldapProviders) {

    public static Stores on(DSLContext dsl) {
        return new Stores(dsl, new UserStore(dsl), new GroupStore(dsl), new ApplicationStore(dsl),
                new ProviderStore(dsl), new TokenStore(dsl), new BrandStore(dsl), new EventStore(dsl),
                new SystemStateStore(dsl), new FlowStore(dsl), new StageStore(dsl), new FlowBindingStore(dsl),
                new PolicyStore(dsl), new PolicyBindingStore(dsl),
                new OAuth2ProviderStore(dsl), new OAuth2GrantStore(dsl), new OAuth2DeviceStore(dsl),
                new ScopeMappingStore(dsl), new ProxyProviderStore(dsl), new OutpostStore(dsl),
                new LdapProviderStore(dsl));
    }
}
