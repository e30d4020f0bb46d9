#!/usr/bin/env bash
# The platform team's script: the spoke VNet and a /26 node subnet.
set -euo pipefail
az network vnet create -g rg-net -n vnet-app --address-prefixes 10.20.0.0/16 \
  --subnet-name nodes --subnet-prefixes 10.20.0.0/26
