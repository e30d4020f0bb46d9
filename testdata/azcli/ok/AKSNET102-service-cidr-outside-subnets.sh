#!/usr/bin/env bash
az network vnet create -g rg -n vnet-aks --address-prefixes 10.224.0.0/12 \
  --subnet-name snet-nodes --subnet-prefixes 10.224.0.0/22

az aks create -g rg -n aks-cni \
  --network-plugin azure \
  --service-cidr 10.0.0.0/16 \
  --dns-service-ip 10.0.0.10 \
  --vnet-subnet-id "$(az network vnet subnet show -g rg --vnet-name vnet-aks -n snet-nodes --query id -o tsv)"
