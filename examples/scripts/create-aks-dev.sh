#!/usr/bin/env bash
# Create a spoke VNet and an Azure CNI Overlay cluster in it, then add a batch pool.
set -euo pipefail

RG=rg-aks-dev
LOCATION=westeurope
VNET=vnet-aks-dev
CLUSTER=aks-dev

az group create --name "$RG" --location "$LOCATION"

az network vnet create \
  --resource-group "$RG" \
  --name "$VNET" \
  --address-prefixes 10.20.0.0/16 \
  --subnet-name snet-nodes \
  --subnet-prefixes 10.20.0.0/24

SUBNET_ID=$(az network vnet subnet show --resource-group "$RG" --vnet-name "$VNET" --name snet-nodes --query id -o tsv)

# The service range was taken from the VNet plan by mistake.
az aks create \
  --resource-group "$RG" \
  --name "$CLUSTER" \
  --network-plugin azure \
  --network-plugin-mode overlay \
  --pod-cidr 192.168.0.0/16 \
  --service-cidr 10.20.0.0/16 \
  --dns-service-ip 10.20.0.10 \
  --vnet-subnet-id "$SUBNET_ID" \
  --node-count 3 \
  --generate-ssh-keys

az aks nodepool add \
  --resource-group "$RG" \
  --cluster-name "$CLUSTER" \
  --name batch \
  --node-count 2 \
  --max-pods 300
