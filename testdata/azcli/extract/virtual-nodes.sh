#!/usr/bin/env bash
# Virtual nodes with Azure CNI, API server VNet integration and a Windows admin, the way
# the AKS docs write it.
RG=rg-vn
az network vnet create -g $RG -n vnet-vn --address-prefixes 10.0.0.0/8 \
  --subnet-name snet-aks --subnet-prefix 10.240.0.0/16
az network vnet subnet create -g $RG --vnet-name vnet-vn -n snet-aci --address-prefixes 10.241.0.0/16
az network vnet subnet create -g $RG --vnet-name vnet-vn -n snet-api --address-prefixes 10.242.0.0/28 \
  --delegations Microsoft.ContainerService/managedClusters
SUBNET_ID=$(az network vnet subnet show -g $RG --vnet-name vnet-vn -n snet-aks --query id -o tsv)
API_SUBNET_ID=$(az network vnet subnet show -g $RG --vnet-name vnet-vn -n snet-api --query id -o tsv)

az aks create -g $RG -n aks-vn \
  --network-plugin azure \
  --vnet-subnet-id "$SUBNET_ID" \
  --enable-apiserver-vnet-integration \
  --apiserver-subnet-id "$API_SUBNET_ID" \
  --windows-admin-username azureuser \
  --enable-addons virtual-node \
  --aci-subnet-name snet-aci
