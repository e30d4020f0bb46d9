#!/bin/bash
# Flags collected in an indexed array are expanded: the known wrong value in the array
# is found (AKSNET301), and the pool name comes from an element.
NET_ARGS=(--network-plugin azure)
NET_ARGS+=(--max-pods 300)
POOLS=(system user)

az aks create --resource-group rg --name aks-arrays "${NET_ARGS[@]}" --nodepool-name "${POOLS[0]}"
