package dev.gatehouse.store;

import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.EventStore;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.ProviderStore;
import dev.gatehouse.core.TokenStore;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.outpost.OutpostStore;
import dev.gatehouse.policy.PolicyBindingStore;
import dev.gatehouse.policy.PolicyStore;
import dev.gatehouse.provider.ldap.LdapProviderStore;
import dev.gatehouse.provider.oauth2.OAuth2ProviderStore;
import dev.gatehouse.provider.oauth2.device.OAuth2DeviceStore;
import dev.gatehouse.provider.oauth2.grant.OAuth2GrantStore;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingStore;
import dev.gatehouse.provider.proxy.ProxyProviderStore;
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
