#!/bin/bash
IDENTITY_ID=$(az identity create --resource-group myResourceGroup --name myIdentity --query id -o tsv)

az network vnet create \
    --resource-group myResourceGroup \
    --name myAKSVnet \
    --address-prefixes 10.224.0.0/12 \
    --subnet-name myAKSSubnet \
    --subnet-prefixes 10.224.0.0/16

SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name myAKSSubnet --query id -o tsv)

az network vnet subnet create \
    --resource-group myResourceGroup \
    --vnet-name myAKSVnet \
    --name apiserver-subnet \
    --address-prefixes 10.225.0.0/28 \
    --delegations Microsoft.ContainerService/managedClusters

APISERVER_SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name apiserver-subnet --query id -o tsv)

az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --vnet-subnet-id $SUBNET_ID \
    --enable-apiserver-vnet-integration \
    --apiserver-subnet-id $APISERVER_SUBNET_ID \
    --assign-identity $IDENTITY_ID \
    --generate-ssh-keys
