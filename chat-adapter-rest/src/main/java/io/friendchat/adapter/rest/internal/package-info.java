/**
 * The HTTP plumbing shared by the resources of this adapter: strict body and query
 * parsing, errors, CORS, bearer tokens. Public only so that the feature packages can
 * reach it; not a supported API.
 */
package io.friendchat.adapter.rest.internal;
