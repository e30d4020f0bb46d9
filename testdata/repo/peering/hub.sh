#!/usr/bin/env bash
# The hub, created by the platform team's script: it uses 10.0.0.0/16, the default
# service CIDR of AKS.
az network vnet create -g rg-hub -n vnet-hub --address-prefixes 10.0.0.0/16 \
  --subnet-name AzureFirewallSubnet --subnet-prefixes 10.0.0.0/26
