#!/usr/bin/env bash
az network vnet create -g rg -n vnet-aks --address-prefixes 10.0.0.0/8 \
  --subnet-name snet-nodes --subnet-prefixes 10.0.0.0/22

# No --service-cidr: AKS uses 10.0.0.0/16, inside the node subnet's VNet range.
az aks create -g rg -n aks-defaults \
  --network-plugin azure \
  --vnet-subnet-id "$(az network vnet subnet show -g rg --vnet-name vnet-aks -n snet-nodes --query id -o tsv)"
