#!/bin/bash

az network vnet create \
    --resource-group myResourceGroup \
    --name aks-vnet \
    --address-prefixes 10.224.0.0/12

az network vnet subnet create \
    --resource-group myResourceGroup \
    --vnet-name aks-vnet \
    --name aks-subnet \
    --address-prefixes 10.224.0.0/16

# The route table sends only on-premises traffic to the firewall: with
# userDefinedRouting, AKS needs a 0.0.0.0/0 route for egress.
az network route-table create --resource-group myResourceGroup --name aks-fw-rt
az network route-table route create \
    --resource-group myResourceGroup \
    --name to-onprem \
    --route-table-name aks-fw-rt \
    --address-prefix 10.0.0.0/8 \
    --next-hop-type VirtualAppliance \
    --next-hop-ip-address 10.200.0.4

az network vnet subnet update \
    --resource-group myResourceGroup \
    --vnet-name aks-vnet \
    --name aks-subnet \
    --route-table aks-fw-rt

SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name aks-vnet --name aks-subnet --query id -o tsv)

az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --outbound-type userDefinedRouting \
    --vnet-subnet-id $SUBNET_ID \
    --generate-ssh-keys
