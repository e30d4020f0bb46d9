#!/bin/bash
# Words whose value is not known may hold any flags: no default is assumed for the
# command (no AKSNET102 on a default service CIDR inside the subnet), one note names
# the word, and the flags that are known are still checked (AKSNET301).
az network vnet create -g rg -n vnet1 --address-prefixes 10.0.0.0/16 \
  --subnet-name nodes --subnet-prefixes 10.0.0.0/24
SUBNET_ID=$(az network vnet subnet show -g rg --vnet-name vnet1 -n nodes --query id -o tsv)

az aks create \
  --resource-group rg \
  --name aks-opaque \
  --network-plugin azure \
  --vnet-subnet-id "$SUBNET_ID" \
  --max-pods 300 \
  "${EXTRA_ARGS[@]}"
